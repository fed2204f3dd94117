package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

public record ExportImageCommand(Account caller, String imageId, String mantaPath) {

    public ExportImageCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
