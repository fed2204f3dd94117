package dev.imageservice.bootstrap.cli;

import dev.imageservice.domain.job.ImageJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the admin command line. Pure: nothing is opened, so bad usage is told before the service starts. */
final class AdminCommandLine {

    static final String USAGE = """
            Usage: java -jar quarkus-run.jar [COMMAND]
            With no command the service starts. A command runs against the same data folder
            (IMAGES_DATA_DIR, default ./data) whether or not the service is running:
              account add LOGIN --key PUBLIC_KEY_FILE [--operator] [--name KEY_NAME] [--email EMAIL] [--id UUID]
                                                --id: the account's UUID in the cloud's other datacenters
              account key-add LOGIN --key PUBLIC_KEY_FILE [--name KEY_NAME]
              account key-remove LOGIN KEY      KEY is the key's name or fingerprint
              account list
              account disable LOGIN
              image import MANIFEST|DIR... [--file IMAGE_FILE] [--owner LOGIN|UUID]
                                                IMGAPI manifests (a DIR: its *.imgmanifest and *.json);
                                                each image's file is --file (one manifest only) or the
                                                file beside its manifest with the same base name, and
                                                must match files[0]. The unset owner 00000000-... is
                                                the operator account; --owner overrides every owner
              machine add OWNER --name NAME --disk PATH [--image UUID] [--brand BRAND] [--state running|stopped]
                                                a machine images can be created from; PATH is a file or directory
              machine list
              job list [--state queued|running|succeeded|failed]
                                                image creation jobs: machine, attempts, disk bytes read
                                                (of the disk's size), start of the current attempt, lease
              migrate --from DATA_DIR           moves the embedded installation in DATA_DIR (H2 file,
                                                image files, exports) into the empty cluster that
                                                IMAGES_DB_* and IMAGES_S3_* name
              help
            Exit status: 0 done, 1 failed (the reason on stderr), 2 bad usage.
            """;

    private AdminCommandLine() {
    }

    static AdminCommand parse(List<String> args) {
        Arguments in = Arguments.of(args, Set.of("--key", "--name", "--email", "--file", "--id", "--disk", "--image", "--brand", "--state", "--owner", "--from"), Set.of("--operator"));
        String group = in.positional(0, "a command");
        if (group.equals("help") || group.equals("--help") || group.equals("-h")) {
            return new AdminCommand.Help();
        }
        if (group.equals("migrate")) {
            AdminCommand.Migrate migrate = new AdminCommand.Migrate(in.path("--from", "DATA_DIR"));
            in.requireAllUsed();
            return migrate;
        }
        if (!Set.of("account", "image", "machine", "job").contains(group)) {
            throw new UsageException("unknown command: " + group);
        }
        String action = in.positional(1, group + " what");
        AdminCommand command = switch (group + " " + action) {
            case "account add" -> new AdminCommand.AddAccount(in.positional(2, "LOGIN"), in.path("--key"),
                    in.flag("--operator"), in.option("--name"), in.option("--email"), in.option("--id"));
            case "account key-add" -> new AdminCommand.AddKey(in.positional(2, "LOGIN"), in.path("--key"),
                    in.option("--name"));
            case "account key-remove" -> new AdminCommand.RemoveKey(in.positional(2, "LOGIN"), in.positional(3, "KEY"));
            case "account list" -> new AdminCommand.ListAccounts();
            case "account disable" -> new AdminCommand.DisableAccount(in.positional(2, "LOGIN"));
            case "image import" -> importImage(in);
            case "machine add" -> new AdminCommand.AddMachine(in.positional(2, "OWNER"), in.option("--name"),
                    in.option("--disk"), in.option("--image"), in.option("--brand"), in.option("--state"));
            case "machine list" -> new AdminCommand.ListMachines();
            case "job list" -> new AdminCommand.ListJobs(jobState(in.option("--state")));
            default -> throw new UsageException("unknown command: " + group + " " + action);
        };
        in.requireAllUsed();
        return command;
    }

    private static AdminCommand.ImportImage importImage(Arguments in) {
        List<Path> sources = in.positionalsFrom(2, "MANIFEST or DIR").stream().map(Path::of).toList();
        String file = in.option("--file");
        if (file != null && sources.size() > 1) {
            throw new UsageException("--file applies to one manifest; with several, each file lies beside its manifest");
        }
        return new AdminCommand.ImportImage(sources, file == null ? null : Path.of(file), in.option("--owner"));
    }

    private static ImageJob.State jobState(String state) {
        if (state == null) {
            return null;
        }
        try {
            return ImageJob.State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--state must be queued, running, succeeded or failed; got " + state);
        }
    }

    /** Bad usage: exit status 2 with the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Positionals, {@code --option VALUE} / {@code --option=VALUE} and flags, each checked to be used once. */
    private static final class Arguments {

        private final List<String> positionals = new ArrayList<>();
        private final Map<String, String> options = new HashMap<>();
        private final Set<String> used = new HashSet<>();
        private int positionalsUsed;

        static Arguments of(List<String> args, Set<String> valued, Set<String> flags) {
            Arguments in = new Arguments();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--") || arg.equals("--help")) {
                    in.positionals.add(arg);
                    continue;
                }
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                String value;
                if (flags.contains(name) && equals < 0) {
                    value = "true";
                } else if (valued.contains(name)) {
                    if (equals >= 0) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException(name + " needs a value");
                    }
                } else {
                    throw new UsageException("unknown option: " + arg);
                }
                if (in.options.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            }
            return in;
        }

        String positional(int index, String what) {
            if (index >= positionals.size()) {
                throw new UsageException("missing " + what);
            }
            positionalsUsed = Math.max(positionalsUsed, index + 1);
            return positionals.get(index);
        }

        /** The positionals from {@code index} on, at least one. */
        List<String> positionalsFrom(int index, String what) {
            positional(index, what);
            positionalsUsed = positionals.size();
            return positionals.subList(index, positionals.size());
        }

        String option(String name) {
            used.add(name);
            return options.get(name);
        }

        Path path(String name) {
            return path(name, "FILE");
        }

        Path path(String name, String what) {
            String value = option(name);
            if (value == null || value.isBlank()) {
                throw new UsageException("missing " + name + " " + what);
            }
            return Path.of(value);
        }

        boolean flag(String name) {
            used.add(name);
            return options.containsKey(name);
        }

        void requireAllUsed() {
            if (positionals.size() > positionalsUsed) {
                throw new UsageException("unexpected argument: " + positionals.get(positionalsUsed));
            }
            for (String name : options.keySet()) {
                if (!used.contains(name)) {
                    throw new UsageException(name + " does not apply to this command");
                }
            }
        }
    }
}
