package dev.imageservice.bootstrap.grpc;

import dev.imageservice.application.port.in.ImportImageFromDatacenterCommand;
import dev.imageservice.application.port.in.ImportImageFromDatacenterUseCase;
import dev.imageservice.application.port.out.ImageRepository;
import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * A stand-in for the import port, enabled only by {@link GrpcImportTest}'s profile: the real one is
 * another issue's work, and until it exists ImageUuidAlreadyExists and OriginIsNotActive have no
 * other source. It "imports" by storing an active image under the requested id through the real
 * repository, which refuses a taken id as the real import would; datacenter
 * {@value #INACTIVE_ORIGIN_DC} refuses as the real import does for an origin that is not active.
 */
@Alternative
@ApplicationScoped
public class StandInImport implements ImportImageFromDatacenterUseCase {

    static final String INACTIVE_ORIGIN_DC = "dc-with-inactive-origin";

    @Inject
    ImageRepository images;

    @Override
    public Image importImageFromDatacenter(ImportImageFromDatacenterCommand command) {
        if (INACTIVE_ORIGIN_DC.equals(command.datacenter())) {
            throw new DomainException(ErrorCode.ORIGIN_IS_NOT_ACTIVE, "origin of image " + command.imageId() + " is not active");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Image image = Image.create(UUID.fromString(command.imageId()), command.caller().id(),
                    Manifest.named(ImageName.of("imported"), ImageVersion.of("1.0.0")), ImageState.UNACTIVATED);
            image.attachFile(new ImageFile("c".repeat(40), 0, Compression.NONE, null));
            image.activate(Instant.now());
            images.add(image);
            return image;
        });
    }
}
