package dev.imageservice.domain.account;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A cloud account. Operators ("admin") may act for any login; disabled accounts may do nothing. */
public record Account(UUID id, String login, String email, boolean operator, boolean disabled,
                      Instant created, Instant updated) {

    private static final Pattern LOGIN = Pattern.compile("^[A-Za-z][A-Za-z0-9._-]{1,63}$");

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(login, "login");
        if (!LOGIN.matcher(login).matches()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT,
                    "login must start with a letter and hold 2-64 of A-Z a-z 0-9 . _ -; got " + login);
        }
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    public Account disable(Instant now) {
        return new Account(id, login, email, operator, true, created, now);
    }
}
