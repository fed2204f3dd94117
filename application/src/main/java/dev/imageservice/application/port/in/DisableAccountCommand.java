package dev.imageservice.application.port.in;

public record DisableAccountCommand(String login) {

    public DisableAccountCommand {
        login = AdminArguments.required("login", login);
    }
}
