package dev.imageservice.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.bootstrap.cli.AdminCommandLine.UsageException;
import dev.imageservice.domain.job.ImageJob;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminCommandLineTest {

    @Test
    void readsEveryCommand() {
        assertThat(parse("account add alice --key a.pub --operator --name work --email a@example.com --id 1234"))
                .isEqualTo(new AdminCommand.AddAccount("alice", Path.of("a.pub"), true, "work", "a@example.com", "1234"));
        assertThat(parse("account add alice --key=a.pub"))
                .isEqualTo(new AdminCommand.AddAccount("alice", Path.of("a.pub"), false, null, null, null));
        assertThat(parse("account key-add alice --key b.pub --name laptop"))
                .isEqualTo(new AdminCommand.AddKey("alice", Path.of("b.pub"), "laptop"));
        assertThat(parse("account key-remove alice laptop")).isEqualTo(new AdminCommand.RemoveKey("alice", "laptop"));
        assertThat(parse("account list")).isEqualTo(new AdminCommand.ListAccounts());
        assertThat(parse("account disable alice")).isEqualTo(new AdminCommand.DisableAccount("alice"));
        assertThat(parse("image import m.json --file f.gz"))
                .isEqualTo(new AdminCommand.ImportImage(List.of(Path.of("m.json")), Path.of("f.gz"), null));
        assertThat(parse("image import m.json")).isEqualTo(new AdminCommand.ImportImage(List.of(Path.of("m.json")), null, null));
        assertThat(parse("image import exported/ b.imgmanifest --owner admin")).isEqualTo(
                new AdminCommand.ImportImage(List.of(Path.of("exported/"), Path.of("b.imgmanifest")), null, "admin"));
        assertThat(parse("machine add alice --name web --disk /d --image 42 --brand bhyve --state stopped"))
                .isEqualTo(new AdminCommand.AddMachine("alice", "web", "/d", "42", "bhyve", "stopped"));
        assertThat(parse("job list")).isEqualTo(new AdminCommand.ListJobs(null));
        assertThat(parse("job list --state Running")).isEqualTo(new AdminCommand.ListJobs(ImageJob.State.RUNNING));
        assertThat(parse("machine add alice --name web --disk /d"))
                .isEqualTo(new AdminCommand.AddMachine("alice", "web", "/d", null, null, null));
        assertThat(parse("machine list")).isEqualTo(new AdminCommand.ListMachines());
        assertThat(parse("migrate --from /srv/images/data")).isEqualTo(new AdminCommand.Migrate(Path.of("/srv/images/data")));
        assertThat(parse("help")).isEqualTo(new AdminCommand.Help());
        assertThat(parse("--help")).isEqualTo(new AdminCommand.Help());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "account", "account add", "account add alice", "account add alice --key", "account list extra",
        "account key-remove alice", "account frobnicate", "image import", "image export x", "frobnicate",
        "account add alice --key a.pub --key b.pub", "account add alice --key a.pub --colour red",
        "account list --operator", "account disable alice --file f", "machine add", "machine list x",
        "machine add alice --name web --disk /d --operator", "account add alice --operator=yes --key a.pub",
        "image import a.json b.json --file f.gz", "account list --owner x",
        "job list --state stuck", "job list x", "job add", "migrate", "migrate --from", "migrate data",
        "migrate --from a --from b", "migrate --from data extra", "migrate --from data --owner x"})
    void badUsageIsRefused(String line) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(UsageException.class);
    }

    private static AdminCommand parse(String line) {
        return AdminCommandLine.parse(List.of(line.split(" ")));
    }
}
