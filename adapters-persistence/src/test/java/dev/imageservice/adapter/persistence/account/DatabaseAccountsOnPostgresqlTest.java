package dev.imageservice.adapter.persistence.account;

import dev.imageservice.adapter.persistence.postgresql.PostgresqlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link DatabaseAccountsTest} on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresqlProfile.class)
class DatabaseAccountsOnPostgresqlTest extends DatabaseAccountsTest {
}
