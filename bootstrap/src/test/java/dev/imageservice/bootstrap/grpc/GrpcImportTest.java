package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.grpc.v1.Image;
import dev.imageservice.adapter.grpc.v1.ImportImageFromDatacenterRequest;
import dev.imageservice.domain.account.Account;
import dev.imageservice.bootstrap.rest.TestKey;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ImportImageFromDatacenter through the gRPC adapter with an import port deployed (a stand-in:
 * see {@link StandInImport}), for the two rows of the status table only an import produces.
 */
@QuarkusTest
@TestProfile(GrpcImportTest.WithImportStandIn.class)
class GrpcImportTest {

    public static class WithImportStandIn implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(StandInImport.class);
        }
    }

    static final TestKey ALICE_KEY = TestKey.generate();

    @Inject
    TestData data;

    static GrpcClient client;
    static Account alice;

    @BeforeEach
    void seed() {
        if (client != null) {
            return;
        }
        client = new GrpcClient();
        alice = data.account("alice", false, ALICE_KEY);
    }

    @AfterAll
    static void close() throws InterruptedException {
        client.close();
        client = null;
    }

    @Test
    void anImportAnswersWithTheImageUnderItsOwnId_andAgainIsImageUuidAlreadyExists() {
        String id = UUID.randomUUID().toString();
        ImportImageFromDatacenterRequest request = ImportImageFromDatacenterRequest.newBuilder()
                .setLogin("my").setDatacenter("us-west-1").setId(id).build();

        Image imported = client.as(alice, ALICE_KEY).importImageFromDatacenter(request);

        assertThat(imported.getId()).isEqualTo(id);
        assertThat(imported.getOwner()).isEqualTo(alice.id().toString());
        assertFails(() -> client.as(alice, ALICE_KEY).importImageFromDatacenter(request),
                Status.Code.ALREADY_EXISTS, "ImageUuidAlreadyExists");
    }

    @Test
    void originIsNotActiveIsFailedPrecondition() {
        assertFails(() -> client.as(alice, ALICE_KEY).importImageFromDatacenter(ImportImageFromDatacenterRequest
                        .newBuilder().setDatacenter(StandInImport.INACTIVE_ORIGIN_DC).setId(UUID.randomUUID().toString())
                        .build()),
                Status.Code.FAILED_PRECONDITION, "OriginIsNotActive");
    }
}
