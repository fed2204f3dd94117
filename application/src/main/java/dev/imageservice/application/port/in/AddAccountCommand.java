package dev.imageservice.application.port.in;

/**
 * @param publicKey one OpenSSH public key line ({@code ssh-rsa AAAA... comment}), the content of a .pub file
 * @param keyName   the key's name; null names it by the line's comment, else by its MD5 fingerprint
 * @param email     optional
 */
public record AddAccountCommand(String login, String publicKey, String keyName, boolean operator, String email) {

    public AddAccountCommand {
        login = AdminArguments.required("login", login);
        publicKey = AdminArguments.required("public key", publicKey);
    }
}
