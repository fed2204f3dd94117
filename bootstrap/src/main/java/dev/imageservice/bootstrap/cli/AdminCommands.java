package dev.imageservice.bootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageservice.application.port.in.AccountWithKeys;
import dev.imageservice.application.port.in.AddAccountCommand;
import dev.imageservice.application.port.in.AddAccountKeyCommand;
import dev.imageservice.application.port.in.AddMachineCommand;
import dev.imageservice.application.port.in.AdministerAccountsUseCase;
import dev.imageservice.application.port.in.AdministerMachinesUseCase;
import dev.imageservice.application.port.in.DisableAccountCommand;
import dev.imageservice.application.port.in.ImportImageCommand;
import dev.imageservice.application.port.in.ImportImageUseCase;
import dev.imageservice.application.port.in.RemoveAccountKeyCommand;
import dev.imageservice.bootstrap.cli.AdminCommandLine.UsageException;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.Uuids;
import dev.imageservice.domain.machine.Machine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs one admin command: 0 done, 1 failed with a one-line reason on stderr, 2 bad usage. */
@ApplicationScoped
public class AdminCommands {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final AdministerAccountsUseCase accounts;
    private final ImportImageUseCase importImage;
    private final AdministerMachinesUseCase machines;
    private final ObjectMapper json;
    private final String publicUrl;

    @Inject
    public AdminCommands(AdministerAccountsUseCase accounts, ImportImageUseCase importImage,
                         AdministerMachinesUseCase machines, ObjectMapper json,
                         @ConfigProperty(name = "images.public-url") String publicUrl) {
        this.accounts = accounts;
        this.importImage = importImage;
        this.machines = machines;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            AdminCommand command = AdminCommandLine.parse(args);
            execute(command, out);
            return OK;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(AdminCommandLine.USAGE);
            return USAGE;
        } catch (DomainException e) {
            err.println("error (" + e.code().wireName() + "): " + oneLine(e.getMessage()));
            return FAILED;
        } catch (CommandFailure e) {
            err.println("error: " + oneLine(e.getMessage()));
            return FAILED;
        } catch (UncheckedIOException e) {
            err.println("error: " + oneLine(describe(e.getCause())));
            return FAILED;
        } catch (RuntimeException e) {
            err.println("error: " + oneLine(e.toString()));
            return FAILED;
        }
    }

    private void execute(AdminCommand command, PrintStream out) {
        if (command instanceof AdminCommand.Help) {
            out.print(AdminCommandLine.USAGE);
        } else if (command instanceof AdminCommand.AddAccount add) {
            AccountWithKeys added = accounts.addAccount(new AddAccountCommand(add.login(), readKey(add.keyFile()),
                    add.keyName(), add.operator(), add.email(), add.id() == null ? null : uuid(add.id())));
            Account account = added.account();
            SshKey key = added.keys().get(0);
            out.printf("added account %s (%s%s) with key %s (%s)%n", account.login(), account.id(),
                    account.operator() ? ", operator" : "", key.name(), key.md5Fingerprint());
            out.println("use it with:");
            out.printf("  export TRITON_URL=%s TRITON_ACCOUNT=%s TRITON_KEY_ID=%s%n", publicUrl, account.login(),
                    key.md5Fingerprint());
            out.printf("  export SDC_URL=%s SDC_ACCOUNT=%s SDC_KEY_ID=%s%n", publicUrl, account.login(),
                    key.md5Fingerprint());
        } else if (command instanceof AdminCommand.AddKey add) {
            SshKey key = accounts.addKey(new AddAccountKeyCommand(add.login(), readKey(add.keyFile()), add.keyName()));
            out.printf("added key %s (%s) to account %s%n", key.name(), key.md5Fingerprint(), add.login());
        } else if (command instanceof AdminCommand.RemoveKey remove) {
            accounts.removeKey(new RemoveAccountKeyCommand(remove.login(), remove.key()));
            out.printf("removed key %s from account %s%n", remove.key(), remove.login());
        } else if (command instanceof AdminCommand.ListAccounts) {
            printAccounts(accounts.listAccounts(), out);
        } else if (command instanceof AdminCommand.DisableAccount disable) {
            Account account = accounts.disableAccount(new DisableAccountCommand(disable.login()));
            out.printf("account %s is disabled%n", account.login());
        } else if (command instanceof AdminCommand.AddMachine add) {
            Machine machine = machines.addMachine(new AddMachineCommand(add.owner(), add.name(), add.disk(),
                    add.image(), add.brand(), add.state()));
            out.printf("added machine %s (%s), %s, disk %s%n", machine.name(), machine.id(),
                    machine.state().wireName(), machine.disk());
        } else if (command instanceof AdminCommand.ListMachines) {
            printMachines(machines.listMachines(), out);
        } else if (command instanceof AdminCommand.ImportImage load) {
            Image image = importImage(load);
            out.printf("imported image %s (%s %s), state %s%n", image.id(), image.manifest().name(),
                    image.manifest().version(), image.state().wireName());
        }
    }

    private Image importImage(AdminCommand.ImportImage command) {
        Map<String, Object> manifest = readManifest(command.manifest());
        if (command.file() == null) {
            return importImage.importImage(new ImportImageCommand(manifest, null));
        }
        try (InputStream file = Files.newInputStream(command.file())) {
            return importImage.importImage(new ImportImageCommand(manifest, file));
        } catch (IOException e) {
            throw new CommandFailure(describe(e));
        }
    }

    /** The manifest's JSON into plain maps and lists; the use case checks the fields. */
    private Map<String, Object> readManifest(Path path) {
        String text = readText(path);
        try {
            Object parsed = json.readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?>)) {
                throw new CommandFailure(path + ": a manifest is a JSON object");
            }
            return json.convertValue(parsed, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new CommandFailure(path + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String readKey(Path path) {
        return readText(path).strip();
    }

    private static String readText(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new CommandFailure(describe(e));
        }
    }

    private static void printMachines(List<Machine> all, PrintStream out) {
        String row = "%-36s  %-20s  %-36s  %-8s  %-36s  %s%n";
        out.printf(row, "ID", "NAME", "OWNER", "STATE", "IMAGE", "DISK");
        for (Machine machine : all) {
            out.printf(row, machine.id(), machine.name(), machine.owner(), machine.state().wireName(),
                    machine.image() == null ? "-" : machine.image(), machine.disk());
        }
    }

    private static UUID uuid(String text) {
        UUID id = Uuids.parse(text);
        if (id == null) {
            throw new CommandFailure("--id must be a UUID; got " + text);
        }
        return id;
    }

    private static void printAccounts(List<AccountWithKeys> all, PrintStream out) {
        int width = Math.max(5, all.stream().mapToInt(a -> a.account().login().length()).max().orElse(0));
        String row = "%-" + width + "s  %-36s  %-8s  %-8s  %s%n";
        out.printf(row, "LOGIN", "ID", "OPERATOR", "DISABLED", "KEYS");
        for (AccountWithKeys entry : all) {
            Account account = entry.account();
            String keys = entry.keys().stream().map(k -> k.name() + " " + k.md5Fingerprint())
                    .collect(Collectors.joining(", "));
            out.printf(row, account.login(), account.id(), account.operator() ? "yes" : "no",
                    account.disabled() ? "yes" : "no", keys.isEmpty() ? "-" : keys);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** A failure of the command itself (a file it cannot read), not of a use case. */
    private static final class CommandFailure extends RuntimeException {
        CommandFailure(String message) {
            super(message);
        }
    }
}
