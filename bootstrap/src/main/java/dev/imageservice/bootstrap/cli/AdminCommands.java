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
import dev.imageservice.application.port.in.ImportResult;
import dev.imageservice.application.port.in.ListImageJobsUseCase;
import dev.imageservice.application.port.in.MigrateInstallationUseCase;
import dev.imageservice.application.port.in.MigrateInstallationUseCase.MigrationSummary;
import dev.imageservice.application.port.in.MigrateInstallationUseCase.Moved;
import dev.imageservice.domain.job.ImageJob;
import dev.imageservice.application.port.in.RemoveAccountKeyCommand;
import dev.imageservice.bootstrap.cli.AdminCommandLine.UsageException;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.account.SshKey;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImgapiManifest;
import dev.imageservice.domain.image.Uuids;
import dev.imageservice.domain.machine.Machine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    private final ListImageJobsUseCase jobs;
    private final MigrateInstallationUseCase migration;
    private final ObjectMapper json;
    private final String publicUrl;

    @Inject
    public AdminCommands(AdministerAccountsUseCase accounts, ImportImageUseCase importImage,
                         AdministerMachinesUseCase machines, ListImageJobsUseCase jobs,
                         MigrateInstallationUseCase migration, ObjectMapper json,
                         @ConfigProperty(name = "images.public-url") String publicUrl) {
        this.jobs = jobs;
        this.migration = migration;
        this.accounts = accounts;
        this.importImage = importImage;
        this.machines = machines;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            AdminCommand command = AdminCommandLine.parse(args);
            if (command instanceof AdminCommand.ImportImage load) {
                return new ManifestImport(load).run(out, err);
            }
            if (command instanceof AdminCommand.Migrate migrate) {
                return migrate(migrate.from(), out, err);
            }
            execute(command, out);
            return OK;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(AdminCommandLine.USAGE);
            return USAGE;
        } catch (RuntimeException e) {
            err.println(errorLine("", e));
            return FAILED;
        }
    }

    /** {@code error (CODE): WHAT: reason} for a use case's refusal, {@code error: WHAT: reason} for the rest. */
    private static String errorLine(String what, RuntimeException e) {
        if (e instanceof DomainException refusal) {
            return "error (" + refusal.code().wireName() + "): " + what + oneLine(refusal.getMessage());
        }
        String reason = e instanceof CommandFailure ? e.getMessage()
                : e instanceof UncheckedIOException io ? describe(io.getCause()) : e.toString();
        return "error: " + what + oneLine(reason);
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
            out.printf("added key %s (%s) to account %s%s%n", key.name(), key.md5Fingerprint(), add.login(),
                    key.name().equals(key.md5Fingerprint())
                            ? " (named by its fingerprint: its comment is empty or taken; --name names it)" : "");
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
        } else if (command instanceof AdminCommand.ListJobs list) {
            printJobs(jobs.listJobs(list.state()), out);
        }
    }

    /**
     * {@code migrate}: what was moved, or one line saying why nothing was inserted. A refusal and a
     * failure on the way (a store or database that fails) are told alike, by their message.
     */
    private int migrate(Path from, PrintStream out, PrintStream err) {
        MigrationSummary summary;
        try {
            summary = migration.migrate(from);
        } catch (RuntimeException e) {
            err.println("error: " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        }
        out.printf("moved %s into the cluster (every object read back and checked by SHA-256):%n", from);
        summary.rows().forEach((table, rows) -> out.printf("  rows in %s: %d%n", table, rows));
        printMoved("image files", summary.imageFiles(), out);
        printMoved("exported objects", summary.exportedObjects(), out);
        return OK;
    }

    private static void printMoved(String what, Moved moved, PrintStream out) {
        out.printf("  %s: %d (%d bytes)%n", what, moved.count(), moved.bytes());
    }

    /**
     * {@code image import}: each manifest is reported on one line (stdout when imported, stderr when
     * not), so one bad manifest does not stop the others. Every folder is listed once; the manifests go
     * to the use case {@value #BATCH} at a time, which writes those without a file in one transaction.
     */
    private final class ManifestImport {

        /** What public image repositories write as the owner: nobody in particular. */
        private static final UUID UNSET_OWNER = new UUID(0, 0);
        /** Large enough that a commit's cost is spread thin, small enough to keep a batch's session small. */
        private static final int BATCH = 1000;

        private final AdminCommand.ImportImage command;
        private Account ownerOverride;
        private Account operator;

        ManifestImport(AdminCommand.ImportImage command) {
            this.command = command;
        }

        int run(PrintStream out, PrintStream err) {
            List<Found> manifests = new ArrayList<>();
            boolean failed = false;
            for (Path source : command.sources()) {
                try {
                    manifests.addAll(manifestsIn(source, command.file() == null));
                } catch (RuntimeException e) {
                    err.println(errorLine("", e));
                    failed = true;
                }
            }
            if (command.file() != null && manifests.size() > 1) {
                err.println("error: --file applies to one manifest; " + command.sources().get(0) + " holds "
                        + manifests.size());
                return FAILED;
            }
            if (command.owner() != null) {
                ownerOverride = account(command.owner());
            }
            for (int from = 0; from < manifests.size(); from += BATCH) {
                failed |= importBatch(manifests.subList(from, Math.min(manifests.size(), from + BATCH)), out, err);
            }
            return failed ? FAILED : OK;
        }

        /** Reads the manifests, imports those that read, and reports each in order; true when any failed. */
        private boolean importBatch(List<Found> batch, PrintStream out, PrintStream err) {
            List<Prepared> prepared = new ArrayList<>(batch.size());
            List<ImportImageCommand> commands = new ArrayList<>();
            for (Found found : batch) {
                try {
                    Prepared ready = prepare(found);
                    commands.add(ready.command());
                    prepared.add(ready);
                } catch (RuntimeException e) {
                    prepared.add(new Prepared(found.manifest(), null, null, e));
                }
            }
            Iterator<ImportResult> results = importImage.importImages(commands).iterator();
            boolean failed = false;
            for (Prepared entry : prepared) {
                RuntimeException refusal = entry.unreadable();
                if (refusal == null) {
                    ImportResult result = results.next();
                    refusal = result.refusal();
                    if (refusal == null) {
                        Image image = result.image();
                        out.printf("imported image %s (%s %s), state %s%s%n", image.id(), image.manifest().name(),
                                image.manifest().version(), image.state().wireName(),
                                entry.owner() == null ? "" : ", owner " + entry.owner().login());
                        continue;
                    }
                }
                err.println(errorLine(entry.manifest() + ": ", refusal));
                failed = true;
            }
            return failed;
        }

        private Prepared prepare(Found found) {
            Map<String, Object> manifest = new LinkedHashMap<>(readManifest(found.manifest()));
            Account owner = ownerOverride;
            if (owner == null && UNSET_OWNER.toString().equals(manifest.get("owner"))) {
                owner = operator();
            }
            if (owner != null) {
                manifest.put("owner", owner.id().toString());
            }
            ImgapiManifest imported = ImgapiManifest.read(manifest);
            Path file = command.file() != null ? command.file() : found.imageFile();
            return new Prepared(found.manifest(), new ImportImageCommand(imported,
                    file == null ? null : () -> Files.newInputStream(file)), owner, null);
        }

        /** The one operator account, which IMGAPI makes the owner of an image whose owner is unset. */
        private Account operator() {
            if (operator == null) {
                List<Account> operators = accounts.listAccounts().stream().map(AccountWithKeys::account)
                        .filter(Account::operator).toList();
                if (operators.size() != 1) {
                    throw new CommandFailure(operators.isEmpty()
                            ? "the manifest's owner is unset (" + UNSET_OWNER + ") and there is no operator account to "
                                    + "own the image: add one with account add LOGIN --key FILE --operator, or give --owner"
                            : "the manifest's owner is unset (" + UNSET_OWNER + ") and there are several operator "
                                    + "accounts (" + operators.stream().map(Account::login).collect(Collectors.joining(", "))
                                    + "): choose with --owner");
                }
                operator = operators.get(0);
            }
            return operator;
        }

        private Account account(String loginOrId) {
            UUID id = Uuids.parse(loginOrId);
            return accounts.listAccounts().stream().map(AccountWithKeys::account)
                    .filter(a -> id == null ? a.login().equals(loginOrId) : a.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new CommandFailure("--owner " + loginOrId + ": no such account"));
        }
    }

    /** A manifest read for import, or the reason it could not be ({@code unreadable}). */
    private record Prepared(Path manifest, ImportImageCommand command, Account owner, RuntimeException unreadable) {
    }

    /**
     * A manifest found, with the image files exported beside it: {@code NAME-VER.imgmanifest} has its
     * file in {@code NAME-VER.zfs.gz} (any file {@code NAME-VER.*} that is no manifest).
     */
    private record Found(Path manifest, List<Path> filesBeside) {

        /** The one image file beside the manifest, or null to import the manifest alone. */
        Path imageFile() {
            if (filesBeside.size() > 1) {
                throw new CommandFailure("several image files beside the manifest (" + filesBeside.stream()
                        .map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")) + "): name one with --file");
            }
            return filesBeside.isEmpty() ? null : filesBeside.get(0);
        }
    }

    /**
     * A manifest file, or a folder's {@code *.imgmanifest} and {@code *.json} files by name; with
     * {@code withFiles}, each with the image files beside it, from one listing of its folder.
     */
    private static List<Found> manifestsIn(Path source, boolean withFiles) {
        boolean folder = Files.isDirectory(source);
        // A manifest that cannot be read has no folder worth listing: reading it reports why.
        if (!folder && !(withFiles && Files.isRegularFile(source))) {
            return List.of(new Found(source, List.of()));
        }
        List<Path> entries = list(folder ? source : source.toAbsolutePath().getParent());
        Map<String, List<Path>> filesByBase = withFiles ? filesByBase(entries) : Map.of();
        Stream<Path> manifests = folder ? entries.stream().filter(AdminCommands::isManifest) : Stream.of(source);
        List<Found> found = manifests.sorted().map(manifest -> {
            String name = manifest.getFileName().toString();
            String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            return new Found(manifest, filesByBase.getOrDefault(base, List.of()));
        }).toList();
        if (found.isEmpty()) {
            throw new CommandFailure(source + " holds no *.imgmanifest or *.json manifest");
        }
        return found;
    }

    /** A folder's regular files, listed once. */
    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new CommandFailure(describe(e));
        }
    }

    /**
     * The files that are no manifest, by each manifest base name they could belong to ({@code a.b.gz} to
     * {@code a} and {@code a.b}), sorted: a manifest finds its files in one look-up.
     */
    private static Map<String, List<Path>> filesByBase(List<Path> entries) {
        Map<String, List<Path>> byBase = new HashMap<>();
        entries.stream().filter(p -> !isManifest(p)).sorted().forEach(file -> {
            String name = file.getFileName().toString();
            for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                byBase.computeIfAbsent(name.substring(0, dot), base -> new ArrayList<>()).add(file);
            }
        });
        return byBase;
    }

    private static boolean isManifest(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".imgmanifest") || name.endsWith(".json");
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

    /** BYTES DONE is of about the disk's size while running; STARTED is the current attempt's start. */
    private static void printJobs(List<ImageJob> all, PrintStream out) {
        String row = "%-36s  %-36s  %-36s  %-9s  %8s  %-23s  %-24s  %s%n";
        out.printf(row, "ID", "IMAGE", "MACHINE", "STATE", "ATTEMPTS", "BYTES DONE", "STARTED", "LEASE UNTIL");
        for (ImageJob job : all) {
            String done = job.progressTotal() > 0 ? job.progressBytes() + "/" + job.progressTotal()
                    : Long.toString(job.progressBytes());
            out.printf(row, job.id(), job.imageId(), job.machineId(), job.state().name().toLowerCase(Locale.ROOT),
                    job.attempts(), done, orDash(job.started()), orDash(job.leaseUntil()));
        }
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
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

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** A failure of the command itself (a file it cannot read), not of a use case. */
    private static final class CommandFailure extends RuntimeException {
        CommandFailure(String message) {
            super(message);
        }
    }
}
