package dev.imageservice.application.port.in;

import java.util.UUID;

/**
 * @param publicKey one OpenSSH public key line ({@code ssh-rsa AAAA... comment}), the content of a .pub file
 * @param keyName   the key's name; null names it by the line's comment, else by its MD5 fingerprint
 * @param email     optional
 * @param id        the account's UUID; null for a new one. Datacenters of one cloud share account ids,
 *                  so an operator adding an existing account to another datacenter gives its id.
 */
public record AddAccountCommand(String login, String publicKey, String keyName, boolean operator, String email,
                                UUID id) {

    public AddAccountCommand {
        login = AdminArguments.required("login", login);
        publicKey = AdminArguments.required("public key", publicKey);
    }

    public AddAccountCommand(String login, String publicKey, String keyName, boolean operator, String email) {
        this(login, publicKey, keyName, operator, email, null);
    }
}
