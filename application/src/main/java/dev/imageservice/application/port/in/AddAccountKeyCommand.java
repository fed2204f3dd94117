package dev.imageservice.application.port.in;

/**
 * @param publicKey one OpenSSH public key line
 * @param keyName   the key's name; null names it by the line's comment, else by its MD5 fingerprint
 */
public record AddAccountKeyCommand(String login, String publicKey, String keyName) {

    public AddAccountKeyCommand {
        login = AdminArguments.required("login", login);
        publicKey = AdminArguments.required("public key", publicKey);
    }
}
