package dev.imageservice.application.port.in;

/** @param key the key's name, MD5 colon fingerprint or {@code SHA256:} fingerprint */
public record RemoveAccountKeyCommand(String login, String key) {

    public RemoveAccountKeyCommand {
        login = AdminArguments.required("login", login);
        key = AdminArguments.required("key", key);
    }
}
