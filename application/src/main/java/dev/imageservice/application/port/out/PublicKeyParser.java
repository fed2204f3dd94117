package dev.imageservice.application.port.out;

import dev.imageservice.domain.account.SshKey;

/**
 * Reads OpenSSH public key lines (a {@code .pub} file's content). The key formats and the
 * cryptography library that reads them stay behind this port.
 */
public interface PublicKeyParser {

    /**
     * @param name the key's name; null or blank names it by the line's comment, then by its MD5 fingerprint
     * @throws dev.imageservice.domain.error.DomainException InvalidArgument when the line is not a
     *         supported OpenSSH public key
     */
    SshKey parse(String publicKeyLine, String name);
}
