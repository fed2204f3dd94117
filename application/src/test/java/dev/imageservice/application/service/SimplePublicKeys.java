package dev.imageservice.application.service;

import dev.imageservice.application.port.out.PublicKeyParser;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@link PublicKeyParser} for one made-up key type, {@code test-key <base64> [comment]}: enough
 * for the use cases, which only need a key line read or refused. Real OpenSSH formats are tested
 * with the real parser in bootstrap.
 */
final class SimplePublicKeys implements PublicKeyParser {

    static final String TYPE = "test-key";

    /** A key line whose key data is {@code seed}'s bytes. */
    static String line(String seed, String comment) {
        return TYPE + " " + Base64.getEncoder().encodeToString(seed.getBytes(StandardCharsets.UTF_8)) + " " + comment;
    }

    /** The key {@link #line} makes, named as the admin commands name it. */
    static SshKey key(String seed, String name) {
        String line = line(seed, name);
        return SshKey.fromOpenSsh(name, name, seed.getBytes(StandardCharsets.UTF_8), line);
    }

    @Override
    public SshKey parse(String publicKeyLine, String name) {
        String[] parts = publicKeyLine == null ? new String[0] : publicKeyLine.strip().split("\\s+", 3);
        if (parts.length < 2 || !parts[0].equals(TYPE)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "not a " + TYPE + " line");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "key data is not base64");
        }
        return SshKey.fromOpenSsh(name, parts.length == 3 ? parts[2] : "", blob, publicKeyLine.strip());
    }
}
