package dev.imageservice.bootstrap.faults;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.arjuna.ats.arjuna.coordinator.TxControl;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.adapter.persistence.DatabaseSelection;
import dev.imageservice.adapter.persistence.DatabaseUnavailable;
import dev.imageservice.adapter.persistence.postgresql.PostgresqlResource;
import dev.imageservice.application.port.in.UpdateImageCommand;
import dev.imageservice.application.port.in.UpdateImageUseCase;
import dev.imageservice.bootstrap.grpc.GrpcClient;
import dev.imageservice.bootstrap.observe.LogCapture;
import dev.imageservice.bootstrap.rest.Caller;
import dev.imageservice.bootstrap.rest.TestData;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;
import io.agroal.api.AgroalDataSource;
import io.grpc.Status;
import io.quarkus.agroal.DataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * More requests at once than the database pool has connections, on a real PostgreSQL with a pool
 * of two that the test can take away: requests wait for a connection, and when none comes back
 * within {@code images.db.acquisition-timeout} they answer 503 ServiceUnavailableError (gRPC
 * UNAVAILABLE), never a 500, change nothing, and are logged as the pool's timeout. A request whose
 * transaction times out while it waits answers the same, and runs no statement outside it; so does
 * one while the database refuses connections, logged as a database that cannot be reached.
 */
@QuarkusTest
@TestProfile(ConnectionPoolTest.TinyPool.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionPoolTest {

    private static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(3);
    private static final int POOL_SIZE = 2;
    private static final List<String> FIELDS = List.of("description", "homepage", "eula", "tags", "version");

    public static class TinyPool implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresqlResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("images.db.pool-size", String.valueOf(POOL_SIZE),
                    "images.db.acquisition-timeout", ACQUISITION_TIMEOUT.toMillis() + "ms",
                    // No job worker polling the queue: the test alone decides who holds the connections.
                    "images.jobs.enabled", "false",
                    "images.data-dir", "target/test-data-pool");
        }
    }

    @Inject
    TestData data;

    @Inject
    UpdateImageUseCase updates;

    @Inject
    @DataSource(DatabaseSelection.POSTGRESQL)
    AgroalDataSource database;

    private final ExecutorService clients = Executors.newFixedThreadPool(20);
    private Caller alice;

    @BeforeAll
    void seed() {
        alice = Caller.create(data, "pool");
    }

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aBurstWaitsForConnectionsThatComeBackInTime() throws Exception {
        List<UUID> images = List.of(image("burst-a"), image("burst-b"), image("burst-c"), image("burst-d"));
        List<CompletableFuture<Response>> burst = new ArrayList<>();
        try (Connections taken = takeThePool()) {
            for (UUID id : images) {
                for (String field : FIELDS) {
                    burst.add(CompletableFuture.supplyAsync(() -> update(id, Map.of(field, valueOf(field, id))), clients));
                }
            }
            Thread.sleep(ACQUISITION_TIMEOUT.toMillis() / 3);
        }

        for (CompletableFuture<Response> answer : burst) {
            Response response = answer.get(1, TimeUnit.MINUTES);
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        }
        for (UUID id : images) {
            Image stored = data.find(id);
            assertThat(stored.revision()).isEqualTo(FIELDS.size());
            assertThat(stored.manifest().description().value()).isEqualTo(valueOf("description", id));
            assertThat(stored.manifest().version().value()).isEqualTo(valueOf("version", id));
        }
    }

    @Test
    void aPoolThatStaysTakenAnswers503OverRestAndUnavailableOverGrpc() throws Exception {
        UUID id = image("starved");
        List<CompletableFuture<Response>> rest = new ArrayList<>();
        CompletableFuture<Void> grpc;
        try (Connections taken = takeThePool(); GrpcClient client = new GrpcClient();
             LogCapture log = LogCapture.of(DatabaseUnavailable.class)) {
            for (int i = 0; i < 10; i++) {
                String description = "never stored " + i;
                rest.add(CompletableFuture.supplyAsync(() -> update(id, Map.of("description", description)), clients));
            }
            rest.add(CompletableFuture.supplyAsync(() -> alice.signed().get("/my/images/" + id), clients));
            grpc = CompletableFuture.runAsync(() -> assertFails(() -> client.as(alice.account(), alice.key())
                            .updateImage(UpdateImageRequest.newBuilder().setLogin(alice.login()).setId(id.toString())
                                    .setDescription("never stored either").build()),
                    Status.Code.UNAVAILABLE, "ServiceUnavailableError"), clients);
            for (CompletableFuture<Response> answer : rest) {
                Response response = answer.get(1, TimeUnit.MINUTES);
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
                assertThat(response.header("Content-Type")).startsWith("application/json");
                assertThat(response.jsonPath().getString("code")).isEqualTo("ServiceUnavailableError");
                assertThat(response.jsonPath().getString("message")).isNotBlank();
            }
            grpc.get(1, TimeUnit.MINUTES);
            // The log says why, so an operator looks at the pool, not at the database or a slow transaction.
            assertThat(log.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .contains("got no database connection: none came free within the pool's acquisition timeout"));
        }

        Response after = alice.signed().get("/my/images/" + id);
        assertThat(after.statusCode()).as(after.asString()).isEqualTo(200);
        assertThat(data.find(id).revision()).isZero();
    }

    /**
     * A request whose transaction runs past its timeout while it waits for a connection: the
     * transaction manager rolls the transaction back meanwhile, and a connection that comes free
     * later may not join it. The request answers ServiceUnavailableError, logged as the timeout,
     * instead of failing its commit ("ARJUNA016102: The transaction is not active!", a 500).
     */
    @Test
    void aRequestWhoseTransactionTimesOutWaitingForAConnectionIsUnavailable() throws Exception {
        UUID id = image("late");
        try (LogCapture log = LogCapture.of(DatabaseUnavailable.class)) {
            Throwable failure = timingOutWhileThePoolIsTaken(() -> updates.updateImage(
                    new UpdateImageCommand(alice.account(), id.toString(), Map.of("description", "too late"))));

            assertThat(failure).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("DatabaseImageRepository.").contains("got no database connection: its transaction had been rolled back");
        }
        assertThat(data.find(id).revision()).isZero();
    }

    /**
     * The connection such a transaction waited for is never handed over: Agroal would hand it over
     * unenlisted, in auto-commit, and a write on it would stay although the transaction failed.
     */
    @Test
    void noStatementRunsOnAConnectionThatCameAfterItsTransactionTimedOut() throws Exception {
        UUID id = image("late-statement");
        Throwable failure = timingOutWhileThePoolIsTaken(() -> QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = database.getConnection();
                 PreparedStatement write = connection.prepareStatement("update image set description = 'too late' where id = ?")) {
                write.setObject(1, id);
                write.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));

        assertThat(failure).isNotNull();
        assertThat(data.find(id).manifest().description()).isNull();
    }

    /**
     * The database refusing every connection, as one shutting down or restarting does: it ends the
     * connections the pool holds and lets no new one in. A write answers 503 ServiceUnavailableError,
     * logged as the database that cannot be reached (an operator looks at the database, not the pool),
     * and once the database lets connections in again the service writes as before.
     */
    @Test
    void aDatabaseThatRefusesConnectionsAnswers503LoggedAsUnreachable() throws Exception {
        UUID id = image("unreachable");
        String name = databaseName();
        try (Connection admin = maintenanceConnection(); Statement statement = admin.createStatement()) {
            statement.execute("alter database " + name + " allow_connections false");
            try (LogCapture log = LogCapture.of(DatabaseUnavailable.class)) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");

                for (int i = 0; i <= POOL_SIZE; i++) {
                    Response refused = update(id, Map.of("description", "never stored " + i));
                    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
                    assertThat(refused.jsonPath().getString("code")).isEqualTo("ServiceUnavailableError");
                }
                assertThat(log.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                        .contains("got no database connection: the database cannot be reached"));
            } finally {
                statement.execute("alter database " + name + " allow_connections true");
            }
        }

        Response stored = update(id, Map.of("description", "stored"));
        assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(200);
        assertThat(data.find(id).manifest().description().value()).isEqualTo("stored");
    }

    /**
     * After the database ended the pool's connections and let connections in again, as after a
     * restart, no request fails: a connection idle for a second is checked before a request gets it,
     * and a dead one is replaced.
     */
    @Test
    void aRequestAfterTheDatabaseEndedThePoolsConnectionsGetsANewOne() throws Exception {
        UUID id = image("restarted");
        takeThePool().close();
        try (Connection admin = maintenanceConnection(); Statement statement = admin.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + databaseName() + "'");
        }
        Thread.sleep(1500);

        for (int i = 0; i <= POOL_SIZE; i++) {
            Response stored = update(id, Map.of("description", "stored " + i));
            assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(200);
        }
    }

    /**
     * Runs {@code work} on another thread with a transaction timeout of 1 s while this one holds the
     * whole pool for 2 s, less than its acquisition timeout: the work's transaction times out while it
     * waits, then a connection comes free. Returns what the work threw.
     */
    private Throwable timingOutWhileThePoolIsTaken(ThrowingCallable work) throws Exception {
        int defaultTimeout = TxControl.getDefaultTimeout();
        CompletableFuture<Throwable> failure;
        try (Connections taken = takeThePool()) {
            TxControl.setDefaultTimeout(1);
            failure = CompletableFuture.supplyAsync(() -> catchThrowable(work), clients);
            Thread.sleep(2000);
        } finally {
            TxControl.setDefaultTimeout(defaultTimeout);
        }
        return failure.get(1, TimeUnit.MINUTES);
    }

    private static String databaseName() {
        String url = ConfigProvider.getConfig().getValue("images.db.url", String.class);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** A connection to the server's maintenance database: a database cannot close itself to connections. */
    private static Connection maintenanceConnection() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("images.db.url", String.class);
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                config.getValue("images.db.user", String.class), config.getValue("images.db.password", String.class));
    }

    private UUID image(String name) {
        return data.image(alice.account(), name).add().id();
    }

    private Response update(UUID id, Map<String, Object> body) {
        return alice.signed().contentType("application/json").body(body).post("/my/images/" + id + "?action=update");
    }

    private static Object valueOf(String field, UUID id) {
        String tail = id.toString().substring(0, 8);
        return switch (field) {
            case "homepage", "eula" -> "https://example.com/" + field + "/" + tail;
            case "tags" -> Map.of("burst", tail);
            case "version" -> "2.0.0-" + tail;
            default -> field + " " + tail;
        };
    }

    /** Every connection of the pool, held until closed. */
    private Connections takeThePool() throws SQLException {
        Connections taken = new Connections();
        for (int i = 0; i < POOL_SIZE; i++) {
            taken.held.add(database.getConnection());
        }
        return taken;
    }

    private static final class Connections implements AutoCloseable {
        private final List<Connection> held = new ArrayList<>();

        @Override
        public void close() throws SQLException {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
