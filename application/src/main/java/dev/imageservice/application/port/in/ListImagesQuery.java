package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

/** The ListImages filters exactly as the caller wrote them; the use case parses and checks them. */
public record ListImagesQuery(Account caller, String name, String os, String version, String isPublic,
                              String state, String owner, String type) {

    public ListImagesQuery {
        Objects.requireNonNull(caller, "caller");
    }

    public static ListImagesQuery everything(Account caller) {
        return new ListImagesQuery(caller, null, null, null, null, null, null, null);
    }
}
