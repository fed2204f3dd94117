package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

public record ImportImageFromDatacenterCommand(Account caller, String datacenter, String imageId) {

    public ImportImageFromDatacenterCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
