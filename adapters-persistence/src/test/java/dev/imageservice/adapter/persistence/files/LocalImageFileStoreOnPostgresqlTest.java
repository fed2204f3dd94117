package dev.imageservice.adapter.persistence.files;

import dev.imageservice.adapter.persistence.postgresql.PostgresqlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link LocalImageFileStoreTest} on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresqlProfile.class)
class LocalImageFileStoreOnPostgresqlTest extends LocalImageFileStoreTest {
}
