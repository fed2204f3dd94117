package dev.imageservice.adapter.persistence.job;

import dev.imageservice.adapter.persistence.postgresql.PostgresqlProfile;
import dev.imageservice.domain.job.ImageJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Optional;
import java.util.UUID;

/** {@link DatabaseImageJobsTest} on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresqlProfile.class)
class DatabaseImageJobsOnPostgresqlTest extends DatabaseImageJobsTest {

    @Override
    Optional<UUID> nextWhileTheOldestIsLocked(ImageJob next) {
        return Optional.of(next.id());
    }
}
