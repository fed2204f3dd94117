package dev.imageservice.bootstrap.grpc;

import static dev.imageservice.bootstrap.grpc.GrpcClient.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.adapter.grpc.v1.Image;
import dev.imageservice.adapter.grpc.v1.ImportImageFromDatacenterRequest;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ImportImageFromDatacenter through the gRPC adapter with an import port deployed (a stand-in:
 * see {@link StandInImport}), for the two rows of the status table only an import produces.
 */
@QuarkusTest
@TestProfile(GrpcImportTest.WithImportStandIn.class)
class GrpcImportTest extends SeededGrpcTest {

    public static class WithImportStandIn implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(StandInImport.class);
        }
    }

    @Test
    void anImportAnswersWithTheImageUnderItsOwnId_andAgainIsImageUuidAlreadyExists() {
        String id = UUID.randomUUID().toString();
        ImportImageFromDatacenterRequest request = ImportImageFromDatacenterRequest.newBuilder()
                .setLogin("my").setDatacenter("us-west-1").setId(id).build();

        Image imported = alice().importImageFromDatacenter(request);

        assertThat(imported.getId()).isEqualTo(id);
        assertThat(imported.getOwner()).isEqualTo(alice.id().toString());
        assertFails(() -> alice().importImageFromDatacenter(request),
                Status.Code.ALREADY_EXISTS, "ImageUuidAlreadyExists");
    }

    @Test
    void originIsNotActiveIsFailedPrecondition() {
        assertFails(() -> alice().importImageFromDatacenter(ImportImageFromDatacenterRequest
                        .newBuilder().setDatacenter(StandInImport.INACTIVE_ORIGIN_DC).setId(UUID.randomUUID().toString())
                        .build()),
                Status.Code.FAILED_PRECONDITION, "OriginIsNotActive");
    }
}
