package dev.imageservice.application.port.in;

import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.account.Account;
import java.util.Objects;
import java.util.UUID;

/**
 * The ListImages filters, parsed by the adapter that received them; null means no filter, except
 * for {@code state}, which defaults to active images.
 *
 * @param os   matched against the image's os name; an unknown name matches nothing
 * @param type matched against the image's type name; null hides docker images
 */
public record ListImagesQuery(Account caller, StateFilter state, Boolean isPublic, UUID owner, TextMatch name,
                              TextMatch version, String os, String type) {

    public ListImagesQuery {
        Objects.requireNonNull(caller, "caller");
        state = state == null ? StateFilter.ACTIVE : state;
    }

    public static ListImagesQuery everything(Account caller) {
        return new ListImagesQuery(caller, null, null, null, null, null, null, null);
    }
}
