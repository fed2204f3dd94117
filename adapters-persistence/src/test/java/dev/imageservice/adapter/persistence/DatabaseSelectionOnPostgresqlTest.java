package dev.imageservice.adapter.persistence;

import dev.imageservice.adapter.persistence.postgresql.PostgresqlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** images.db.url names a PostgreSQL server: the service runs on it. */
@QuarkusTest
@TestProfile(PostgresqlProfile.class)
class DatabaseSelectionOnPostgresqlTest extends DatabaseSelectionTest {

    @Override
    String expectedDatabase() {
        return "PostgreSQL";
    }
}
