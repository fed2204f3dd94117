package dev.imageservice.domain.job;

import static dev.imageservice.domain.job.ImageJob.State.FAILED;
import static dev.imageservice.domain.job.ImageJob.State.QUEUED;
import static dev.imageservice.domain.job.ImageJob.State.RUNNING;
import static dev.imageservice.domain.job.ImageJob.State.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.job.ImageJob.State;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every action of a job from every state it can be in, the lease live or run out. */
class ImageJobTest {

    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    private static final Instant LEASE_END = NOW.plus(Duration.ofSeconds(30));

    /** Where a job is before the action: a state, and for a running job whether its worker's lease ran out. */
    enum Start {
        QUEUED_JOB(QUEUED, null),
        RUNNING_LEASED(RUNNING, NOW.plusSeconds(5)),
        RUNNING_LEASE_EXPIRED(RUNNING, NOW.minusSeconds(5)),
        SUCCEEDED_JOB(SUCCEEDED, null),
        FAILED_JOB(FAILED, null);

        final State state;
        final Instant leaseUntil;

        Start(State state, Instant leaseUntil) {
            this.state = state;
            this.leaseUntil = leaseUntil;
        }

        ImageJob job() {
            Instant created = NOW.minus(Duration.ofMinutes(1));
            return ImageJob.restore(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Compression.GZIP, state,
                    10, 100, state == QUEUED ? 0 : 1, state == FAILED ? "InternalError: earlier" : null, false, created,
                    state == QUEUED ? null : created, created, leaseUntil);
        }
    }

    enum Action {
        CLAIM((job, now) -> job.claim(now, LEASE_END)),
        SUCCEED((job, now) -> job.succeed(now)),
        FAIL((job, now) -> job.fail("InternalError: boom", now));

        final BiConsumer<ImageJob, Instant> apply;

        Action(BiConsumer<ImageJob, Instant> apply) {
            this.apply = apply;
        }
    }

    /** The table: from where, which action, and the state it leads to (null: refused). */
    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of(Start.QUEUED_JOB, Action.CLAIM, RUNNING),
                Arguments.of(Start.QUEUED_JOB, Action.SUCCEED, null),
                Arguments.of(Start.QUEUED_JOB, Action.FAIL, FAILED),
                Arguments.of(Start.RUNNING_LEASED, Action.CLAIM, null),
                Arguments.of(Start.RUNNING_LEASED, Action.SUCCEED, SUCCEEDED),
                Arguments.of(Start.RUNNING_LEASED, Action.FAIL, FAILED),
                Arguments.of(Start.RUNNING_LEASE_EXPIRED, Action.CLAIM, RUNNING),
                Arguments.of(Start.RUNNING_LEASE_EXPIRED, Action.SUCCEED, SUCCEEDED),
                Arguments.of(Start.RUNNING_LEASE_EXPIRED, Action.FAIL, FAILED),
                Arguments.of(Start.SUCCEEDED_JOB, Action.CLAIM, null),
                Arguments.of(Start.SUCCEEDED_JOB, Action.SUCCEED, null),
                Arguments.of(Start.SUCCEEDED_JOB, Action.FAIL, null),
                Arguments.of(Start.FAILED_JOB, Action.CLAIM, null),
                Arguments.of(Start.FAILED_JOB, Action.SUCCEED, null),
                Arguments.of(Start.FAILED_JOB, Action.FAIL, null));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("transitions")
    void transitionTable(Start start, Action action, State expected) {
        ImageJob job = start.job();
        if (expected == null) {
            assertThatThrownBy(() -> action.apply.accept(job, NOW)).isInstanceOf(IllegalStateException.class);
            assertThat(job.state()).isEqualTo(start.state);
            assertThat(job.updated()).isBefore(NOW);
            return;
        }
        action.apply.accept(job, NOW);
        assertThat(job.state()).isEqualTo(expected);
        assertThat(job.updated()).isEqualTo(NOW);
        assertThat(job.leaseUntil()).isEqualTo(expected == RUNNING ? LEASE_END : null);
        assertThat(job.error()).isEqualTo(expected == FAILED ? "InternalError: boom" : null);
    }

    @ParameterizedTest
    @MethodSource("transitions")
    void onlyQueuedJobsAndRunningJobsWhoseLeaseRanOutAreClaimable(Start start, Action ignored, State ignoredToo) {
        assertThat(start.job().isClaimable(NOW))
                .isEqualTo(start == Start.QUEUED_JOB || start == Start.RUNNING_LEASE_EXPIRED);
    }

    @Test
    void eachClaimCountsAnAttemptUntilTheLimitIsPassed() {
        ImageJob job = ImageJob.queued(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Compression.XZ, NOW);
        Instant now = NOW;
        for (int attempt = 1; attempt <= 3; attempt++) {
            job.claim(now, now.plusSeconds(30));
            assertThat(job.attempts()).isEqualTo(attempt);
            assertThat(job.hasExhaustedAttempts(3)).isFalse();
            now = now.plusSeconds(31);
        }
        job.claim(now, now.plusSeconds(30));
        assertThat(job.hasExhaustedAttempts(3)).isTrue();
    }

    @Test
    void aHeartbeatRecordsProgressAndExtendsTheLeaseOnlyWhileRunning() {
        ImageJob running = Start.RUNNING_LEASED.job();
        assertThat(running.heartbeat(4096, 8192, NOW, LEASE_END)).isTrue();
        assertThat(running.progressBytes()).isEqualTo(4096);
        assertThat(running.progressTotal()).isEqualTo(8192);
        assertThat(running.leaseUntil()).isEqualTo(LEASE_END);

        for (Start ended : new Start[] {Start.SUCCEEDED_JOB, Start.FAILED_JOB, Start.QUEUED_JOB}) {
            ImageJob job = ended.job();
            assertThat(job.heartbeat(4096, 8192, NOW, LEASE_END)).isFalse();
            assertThat(job.state()).isEqualTo(ended.state);
            assertThat(job.progressBytes()).isEqualTo(10);
            assertThat(job.leaseUntil()).isNull();
        }
    }
}
