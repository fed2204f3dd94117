package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.application.port.in.AdministerAccountsUseCase;
import dev.imageservice.application.port.in.DisableAccountCommand;
import dev.imageservice.application.port.in.RemoveAccountKeyCommand;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Accounts and keys are cached, but an admin change takes effect within the bound the README states:
 * a request made once that bound has passed since the change committed sees it. The change goes
 * through the admin use case, as the admin commands make it from any instance.
 */
@QuarkusTest
class CredentialFreshnessTest {

    /** The README's bound for cached accounts and keys. */
    private static final Duration BOUND = Duration.ofSeconds(1);

    @Inject
    TestData data;

    @Inject
    AdministerAccountsUseCase admin;

    @Test
    void aRemovedKeyIsRefusedOnceTheBoundHasPassed() throws InterruptedException {
        Caller caller = Caller.create(data, "freshkey");
        assertThat(caller.signed().get("/my/images").statusCode()).isEqualTo(200); // the key is now cached

        admin.removeKey(new RemoveAccountKeyCommand(caller.login(), TestData.KEY_NAME));
        Thread.sleep(BOUND.toMillis());

        ProtocolErrorsTest.assertError(caller.signed().get("/my/images"), 401, "InvalidCredentials");
    }

    @Test
    void aDisabledAccountIsRefusedOnceTheBoundHasPassed() throws InterruptedException {
        Caller caller = Caller.create(data, "freshoff");
        assertThat(caller.signed().get("/my/images").statusCode()).isEqualTo(200); // the account is now cached

        admin.disableAccount(new DisableAccountCommand(caller.login()));
        Thread.sleep(BOUND.toMillis());

        ProtocolErrorsTest.assertError(caller.signed().get("/my/images"), 403, "NotAuthorized");
    }
}
