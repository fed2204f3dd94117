package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import java.util.Objects;

/** @param acl and tags as parsed JSON values; the optional fields are null when absent */
public record CreateImageFromMachineCommand(Account caller, String machine, String name, String version,
                                            String description, String homepage, String eula,
                                            Object acl, Object tags) {

    public CreateImageFromMachineCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
