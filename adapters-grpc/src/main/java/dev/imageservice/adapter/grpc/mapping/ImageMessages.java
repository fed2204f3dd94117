package dev.imageservice.adapter.grpc.mapping;

import dev.imageservice.adapter.grpc.v1.ImageError;
import dev.imageservice.adapter.grpc.v1.ImageFile;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.image.Requirements;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Images as {@code imageservice.v1.Image} messages: the fields and values CloudAPI shows (docs/compatibility.md, "Manifests"). */
public final class ImageMessages {

    private ImageMessages() {
    }

    public static dev.imageservice.adapter.grpc.v1.Image from(Image image) {
        Manifest manifest = image.manifest();
        dev.imageservice.adapter.grpc.v1.Image.Builder message = dev.imageservice.adapter.grpc.v1.Image.newBuilder()
                .setId(image.id().toString())
                .setRevision(image.revision())
                .setName(manifest.name().value())
                .setVersion(manifest.version().value())
                .setRequirements(ProtoValues.toStruct(requirements(manifest.requirements())))
                .setOwner(image.owner().toString())
                .setPublic(manifest.isPublic())
                .setState(image.state().wireName());
        if (manifest.os() != null) {
            message.setOs(manifest.os().wireName());
        }
        if (manifest.type() != null) {
            message.setType(manifest.type().wireName());
        }
        if (manifest.description() != null) {
            message.setDescription(manifest.description().value());
        }
        if (manifest.homepage() != null) {
            message.setHomepage(manifest.homepage().value());
        }
        if (manifest.eula() != null) {
            message.setEula(manifest.eula().value());
        }
        if (image.file() != null) {
            message.addFiles(ImageFile.newBuilder()
                    .setSha1(image.file().sha1())
                    .setSize(image.file().size())
                    .setCompression(image.file().compression().wireName()));
        }
        if (!manifest.tags().isEmpty()) {
            message.setTags(ProtoValues.toStruct(manifest.tags().values()));
        }
        if (image.publishedAt() != null) {
            message.setPublishedAt(ProtoValues.toTimestamp(image.publishedAt()));
        }
        manifest.acl().accounts().stream().map(UUID::toString).forEach(message::addAcl);
        if (manifest.origin() != null) {
            message.setOrigin(manifest.origin().toString());
        }
        if (image.error() != null) {
            message.setError(ImageError.newBuilder()
                    .setCode(image.error().shownCode())
                    .setMessage(image.error().message() == null ? "" : image.error().message()));
        }
        return message.build();
    }

    /** RAM limits under both their old (ram) and new (memory) names, as CloudAPI shows them. */
    static Map<String, Object> requirements(Requirements requirements) {
        Map<String, Object> shown = new LinkedHashMap<>(requirements.toMap());
        if (requirements.minRam() != null) {
            shown.put("min_memory", requirements.minRam());
        }
        if (requirements.maxRam() != null) {
            shown.put("max_memory", requirements.maxRam());
        }
        return shown;
    }
}
