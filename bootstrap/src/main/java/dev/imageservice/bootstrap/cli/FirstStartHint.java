package dev.imageservice.bootstrap.cli;

import dev.imageservice.application.port.in.AdministerAccountsUseCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** A server with no account cannot be used: say how to add one and how to point the clients here. */
@ApplicationScoped
public class FirstStartHint {

    private static final Logger LOG = Logger.getLogger(FirstStartHint.class);

    private final AdministerAccountsUseCase accounts;

    @Inject
    public FirstStartHint(AdministerAccountsUseCase accounts) {
        this.accounts = accounts;
    }

    void printIfNoAccounts() {
        if (accounts.listAccounts().isEmpty()) {
            LOG.info(text());
        }
    }

    /** Read after start: with port 0 the server's real port is only known then. */
    String text() {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("images.public-url", String.class);
        Path dataDir = Path.of(config.getValue("images.data-dir", String.class)).toAbsolutePath().normalize();
        String jar = System.getProperty("java.class.path", "quarkus-run.jar");
        jar = jar.endsWith("quarkus-run.jar") && !jar.contains(java.io.File.pathSeparator) ? jar : "quarkus-run.jar";
        return """
                No accounts yet. Add one (the server may keep running):
                  IMAGES_DATA_DIR=%s java -jar %s account add LOGIN --key ~/.ssh/id_rsa.pub --operator
                then point the clients at this server (account add prints these with the key's fingerprint):
                  export TRITON_URL=%s TRITON_ACCOUNT=LOGIN TRITON_KEY_ID=$(ssh-keygen -l -E md5 -f ~/.ssh/id_rsa.pub | awk '{print substr($2,5)}')
                  export SDC_URL=$TRITON_URL SDC_ACCOUNT=$TRITON_ACCOUNT SDC_KEY_ID=$TRITON_KEY_ID"""
                .formatted(dataDir, jar, url);
    }
}
