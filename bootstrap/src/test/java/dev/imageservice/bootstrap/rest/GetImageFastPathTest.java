package dev.imageservice.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A signed GetImage whose signer and image were read within the last second (CredentialCache,
 * RecentImages) is answered on the I/O thread, without a worker: nothing else shows that this fast
 * path is still taken, as the answer is the same either way.
 */
@QuarkusTest
class GetImageFastPathTest {

    private static final List<String> FROM_MEMORY = List.of("authenticateFromMemory at hand on I/O thread",
            "getImageFromMemory at hand on I/O thread");

    @Inject
    TestData data;

    @Inject
    AnswerThreads threads;

    @Test
    void theSecondGetImageOfAnImageIsAnsweredOnTheIoThread() {
        Caller alice = Caller.create(data, "fastpath");
        UUID id = data.image(alice.account(), "fastpath").add().id();

        List<String> first = answerThreadsOfAGetImage(alice, id);
        assertThat(first).as("the first reads").contains("getImage on worker");

        // Within CredentialCache.MAX_AGE and ImageRepository.RECENT (1 s each) of the read before it.
        // A cold first request can itself take longer on an overloaded machine: then the next one
        // reads again, and the one after it (from a warm path) must be answered from memory.
        List<String> next = List.of();
        for (int attempt = 0; attempt < 3 && !next.equals(FROM_MEMORY); attempt++) {
            next = answerThreadsOfAGetImage(alice, id);
        }
        assertThat(next).isEqualTo(FROM_MEMORY);
    }

    private List<String> answerThreadsOfAGetImage(Caller caller, UUID id) {
        return threads.of(() -> assertThat(caller.signed().get("/my/images/" + id).statusCode()).isEqualTo(200));
    }
}
