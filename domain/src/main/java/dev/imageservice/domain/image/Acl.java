package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The accounts a private image is shared with. */
public record Acl(List<UUID> accounts) {

    public static final Acl EMPTY = new Acl(List.of());

    public Acl {
        accounts = List.copyOf(new LinkedHashSet<>(accounts));
    }

    /** Accepts the JSON shapes clients send: an array of UUID strings, or one string (wrapped). */
    public static Acl of(Object raw) {
        if (raw == null) {
            return EMPTY;
        }
        List<?> items = raw instanceof String single ? List.of(single) : raw instanceof List<?> list ? list : null;
        if (items == null) {
            throw DomainException.validationFailed(FieldError.invalid("acl", "acl must be an array of UUIDs"));
        }
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            UUID uuid = items.get(i) instanceof String text ? Uuids.parse(text) : null;
            if (uuid == null) {
                throw DomainException.validationFailed(FieldError.invalid("acl", "item " + i + " is not a UUID"));
            }
            accounts.add(uuid);
        }
        return new Acl(accounts);
    }

    public boolean contains(UUID account) {
        return accounts.contains(account);
    }

    public boolean isEmpty() {
        return accounts.isEmpty();
    }
}
