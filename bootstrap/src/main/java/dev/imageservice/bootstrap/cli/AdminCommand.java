package dev.imageservice.bootstrap.cli;

import dev.imageservice.domain.job.ImageJob;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * @param sources manifest files or folders of them
     * @param file    the image file, for a single manifest; null takes the file beside each manifest
     * @param owner   a login or account UUID that owns every image imported; null keeps the manifests'
     */
    record ImportImage(List<Path> sources, Path file, String owner) implements AdminCommand {
    }

    record AddMachine(String owner, String name, String disk, String image, String brand, String state)
            implements AdminCommand {
    }

    record ListMachines() implements AdminCommand {
    }

    /** @param state the jobs' state; null lists every job */
    record ListJobs(ImageJob.State state) implements AdminCommand {
    }

    /** @param from the data folder of the embedded installation to move into the configured cluster */
    record Migrate(Path from) implements AdminCommand {
    }

    record Help() implements AdminCommand {
    }
}
