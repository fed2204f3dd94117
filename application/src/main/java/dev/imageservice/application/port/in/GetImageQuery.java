package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

/** @param imageId the id as given, which may not even be a UUID (then: not found) */
public record GetImageQuery(Account caller, String imageId) {

    public GetImageQuery {
        Objects.requireNonNull(caller, "caller");
    }
}
