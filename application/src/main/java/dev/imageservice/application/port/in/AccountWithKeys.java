package dev.imageservice.application.port.in;

import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import java.util.List;
import java.util.Objects;

public record AccountWithKeys(Account account, List<SshKey> keys) {

    public AccountWithKeys {
        Objects.requireNonNull(account, "account");
        keys = List.copyOf(keys);
    }
}
