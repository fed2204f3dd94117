package dev.imageservice.adapter.rest.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.rest.dto.ImageDto;
import dev.imageservice.adapter.rest.pipeline.ApiVersion;
import dev.imageservice.adapter.rest.pipeline.CallerContext;
import dev.imageservice.adapter.rest.pipeline.ImageVersions;
import dev.imageservice.adapter.rest.pipeline.VertxThreads;
import dev.imageservice.application.port.in.GetImageQuery;
import dev.imageservice.application.port.in.GetImageUseCase;
import dev.imageservice.application.port.in.ResolveAccountUseCase;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import io.vertx.core.Context;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GetImage when the image is not at hand: the read moves to a worker thread, where the service has no
 * request context unless Quarkus carries it there. Here nothing carries it: this request's beans
 * answer on the I/O thread only.
 */
class ImagesResourceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Account ALICE = new Account(UUID.randomUUID(), "alice", null, false, false, NOW, NOW);
    private static final Image IMAGE = Image.restore(UUID.randomUUID(), ALICE.id(),
            Manifest.named(ImageName.of("base"), ImageVersion.of("1.0.0")), ImageState.ACTIVE, null, null, NOW, 7);

    @RegisterExtension
    static final VertxThreads vertx = new VertxThreads();

    @Test
    void anImageNotAtHandIsReadOnAWorkerWithWhatTheIoThreadTookFromTheRequest() {
        Answered answered = new Answered();
        ReadOnAWorker reads = new ReadOnAWorker();
        ImagesResource resource = new ImagesResource(new IoThreadCaller(), answered, new OwnLogin(), null,
                reads, null, null, null, null, null, null);

        ImageDto image = vertx.onIoThread(() -> resource.getImage("my", IMAGE.id().toString()));

        assertThat(image.id()).isEqualTo(IMAGE.id().toString());
        assertThat(answered.revision).isEqualTo(7);
        assertThat(reads.onIoThread).isFalse();
    }

    private static void requireIoThread() {
        if (!Context.isOnEventLoopThread()) {
            throw new IllegalStateException("no request context off the I/O thread");
        }
    }

    private static final class IoThreadCaller extends CallerContext {
        @Override
        public Account caller() {
            requireIoThread();
            return ALICE;
        }

        @Override
        public ApiVersion version() {
            requireIoThread();
            return ApiVersion.LATEST;
        }
    }

    private static final class Answered extends ImageVersions {
        private Long revision;

        @Override
        public void answer(long answered) {
            revision = answered;
        }
    }

    private static final class OwnLogin implements ResolveAccountUseCase {
        @Override
        public Account resolveAccount(Account caller, String login) {
            return caller;
        }

        @Override
        public Optional<Account> resolveAccountFromMemory(Account caller, String login) {
            return Optional.of(caller);
        }
    }

    private static final class ReadOnAWorker implements GetImageUseCase {
        private volatile Boolean onIoThread;

        @Override
        public Image getImage(GetImageQuery query) {
            onIoThread = Context.isOnEventLoopThread();
            return IMAGE;
        }

        @Override
        public Optional<Image> getImageFromMemory(GetImageQuery query) {
            return Optional.empty();
        }
    }
}
