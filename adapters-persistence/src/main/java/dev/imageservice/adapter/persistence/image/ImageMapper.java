package dev.imageservice.adapter.persistence.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.imageservice.domain.image.Acl;
import dev.imageservice.domain.image.Compression;
import dev.imageservice.domain.image.Description;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageError;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageName;
import dev.imageservice.domain.image.ImageOs;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import dev.imageservice.domain.image.ImageVersion;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.image.Requirements;
import dev.imageservice.domain.image.Tags;
import dev.imageservice.domain.image.WebAddress;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Hand-written mapping between the image aggregate and its row. */
final class ImageMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Readers built once: every image read from the database parses its three JSON columns.
    private static final ObjectReader OBJECT = JSON.readerFor(new TypeReference<Map<String, Object>>() {
    });
    private static final ObjectReader ARRAY = JSON.readerFor(new TypeReference<List<Object>>() {
    });

    private ImageMapper() {
    }

    static void copyInto(Image image, ImageEntity row) {
        Manifest manifest = image.manifest();
        row.id = image.id();
        row.ownerId = image.owner();
        row.name = manifest.name().value();
        row.version = manifest.version().value();
        row.description = manifest.description() == null ? null : manifest.description().value();
        row.homepage = manifest.homepage() == null ? null : manifest.homepage().value();
        row.eula = manifest.eula() == null ? null : manifest.eula().value();
        row.os = manifest.os() == null ? null : manifest.os().wireName();
        row.type = manifest.type() == null ? null : manifest.type().wireName();
        row.requirementsJson = write(manifest.requirements().toMap());
        row.tagsJson = write(manifest.tags().values());
        row.aclJson = write(manifest.acl().accounts().stream().map(Object::toString).toList());
        row.isPublic = manifest.isPublic();
        row.state = image.state().wireName();
        row.errorCode = image.error() == null ? null : image.error().code();
        row.errorMessage = image.error() == null ? null : image.error().message();
        ImageFile file = image.file();
        row.fileSha1 = file == null ? null : file.sha1();
        row.fileSize = file == null ? null : file.size();
        row.fileCompression = file == null ? null : file.compression().wireName();
        row.fileSha256 = file == null ? null : file.sha256();
        row.originId = manifest.origin();
        row.publishedAt = image.publishedAt();
    }

    static Image toDomain(ImageEntity row) {
        Manifest manifest = new Manifest(
                new ImageName(row.name),
                new ImageVersion(row.version),
                row.description == null ? null : new Description(row.description),
                row.homepage == null ? null : new WebAddress(row.homepage),
                row.eula == null ? null : new WebAddress(row.eula),
                row.os == null ? null : ImageOs.of(row.os),
                row.type == null ? null : ImageType.of(row.type),
                Requirements.of(readObject(row.requirementsJson)),
                Tags.of(readObject(row.tagsJson)),
                Acl.of(readArray(row.aclJson)),
                row.isPublic,
                row.originId);
        ImageError error = row.errorCode == null ? null : new ImageError(row.errorCode, row.errorMessage);
        ImageFile file = row.fileSha1 == null ? null
                : new ImageFile(row.fileSha1, row.fileSize, Compression.of(row.fileCompression), row.fileSha256);
        return Image.restore(row.id, row.ownerId, manifest, ImageState.fromWire(row.state), error, file,
                row.publishedAt, row.revision);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image without tags or requirements, or shared with nobody, needs no parser for those columns. */
    private static Map<String, Object> readObject(String json) {
        return "{}".equals(json) ? Map.of() : read(json, OBJECT);
    }

    private static List<Object> readArray(String json) {
        return "[]".equals(json) ? List.of() : read(json, ARRAY);
    }

    private static <T> T read(String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
