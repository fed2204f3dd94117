package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * @param fields           the request's JSON members as parsed values (String, Number, Boolean, List, Map
 *                         or null); a present null removes the field
 * @param expectedRevision the image revision the client last saw (REST {@code If-Match}); null to update
 *                         whatever revision is stored, as CloudAPI clients do
 */
public record UpdateImageCommand(Account caller, String imageId, Map<String, Object> fields, Long expectedRevision) {

    public UpdateImageCommand {
        Objects.requireNonNull(caller, "caller");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An update without a precondition. */
    public UpdateImageCommand(Account caller, String imageId, Map<String, Object> fields) {
        this(caller, imageId, fields, null);
    }
}
