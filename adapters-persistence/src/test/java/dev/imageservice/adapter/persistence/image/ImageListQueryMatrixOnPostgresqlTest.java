package dev.imageservice.adapter.persistence.image;

import dev.imageservice.adapter.persistence.postgresql.PostgresqlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ImageListQueryMatrixTest} on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresqlProfile.class)
class ImageListQueryMatrixOnPostgresqlTest extends ImageListQueryMatrixTest {
}
