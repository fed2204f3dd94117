package dev.imageservice.bootstrap.cli;

import java.nio.file.Path;

/** One admin command as given on the command line, before anything is read or run. */
sealed interface AdminCommand {

    record AddAccount(String login, Path keyFile, boolean operator, String keyName, String email, String id)
            implements AdminCommand {
    }

    record AddKey(String login, Path keyFile, String keyName) implements AdminCommand {
    }

    record RemoveKey(String login, String key) implements AdminCommand {
    }

    record ListAccounts() implements AdminCommand {
    }

    record DisableAccount(String login) implements AdminCommand {
    }

    record ImportImage(Path manifest, Path file) implements AdminCommand {
    }

    record AddMachine(String owner, String name, String disk, String image, String brand, String state)
            implements AdminCommand {
    }

    record ListMachines() implements AdminCommand {
    }

    record Help() implements AdminCommand {
    }
}
