package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A signed GetImage whose signer and image were read within the last second (CredentialCache,
 * RecentImages) is answered on the I/O thread, without a worker: nothing else shows that this fast
 * path is still taken, as the answer is the same either way.
 */
@QuarkusTest
class GetImageFastPathTest {

    @Inject
    TestData data;

    @Inject
    AnswerThreads threads;

    @AfterEach
    void stopNoting() {
        threads.stop();
    }

    @Test
    void theSecondGetImageOfAnImageIsAnsweredOnTheIoThread() {
        Caller alice = Caller.create(data, "fastpath");
        UUID id = data.image(alice.account(), "fastpath").add().id();

        threads.start();
        assertThat(alice.signed().get("/my/images/" + id).statusCode()).isEqualTo(200);
        List<String> first = threads.stop();
        // Within CredentialCache.MAX_AGE and ImageRepository.RECENT (1 s each) of the first.
        threads.start();
        assertThat(alice.signed().get("/my/images/" + id).statusCode()).isEqualTo(200);
        List<String> second = threads.stop();

        assertThat(first).as("the first reads").contains("getImage on worker");
        assertThat(second).containsExactly("authenticateFromMemory at hand on I/O thread",
                "getImageFromMemory at hand on I/O thread");
    }
}
