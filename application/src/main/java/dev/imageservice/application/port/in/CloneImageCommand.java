package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

public record CloneImageCommand(Account caller, String imageId) {

    public CloneImageCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
