package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

public record DeleteImageCommand(Account caller, String imageId) {

    public DeleteImageCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
