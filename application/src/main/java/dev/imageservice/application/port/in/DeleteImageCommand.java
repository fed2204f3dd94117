package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

/**
 * @param expectedRevision the image revision the client last saw (REST {@code If-Match}); null to delete
 *                         whatever revision is stored, as CloudAPI clients do
 */
public record DeleteImageCommand(Account caller, String imageId, Long expectedRevision) {

    public DeleteImageCommand {
        Objects.requireNonNull(caller, "caller");
    }

    /** A delete without a precondition. */
    public DeleteImageCommand(Account caller, String imageId) {
        this(caller, imageId, null);
    }
}
