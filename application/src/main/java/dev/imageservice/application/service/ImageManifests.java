package dev.imageservice.application.service;

import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageFile;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.Manifest;
import dev.imageservice.domain.image.Requirements;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image as an IMGAPI manifest (JSON-ready maps), the form exports carry and imports read. */
public final class ImageManifests {

    private ImageManifests() {
    }

    public static Map<String, Object> toManifest(Image image) {
        Manifest manifest = image.manifest();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("v", 2);
        out.put("uuid", image.id().toString());
        out.put("owner", image.owner().toString());
        out.put("name", manifest.name().value());
        out.put("version", manifest.version().value());
        putIfPresent(out, "description", manifest.description() == null ? null : manifest.description().value());
        putIfPresent(out, "homepage", manifest.homepage() == null ? null : manifest.homepage().value());
        putIfPresent(out, "eula", manifest.eula() == null ? null : manifest.eula().value());
        out.put("state", image.state().wireName());
        out.put("disabled", image.state() == ImageState.DISABLED);
        out.put("public", manifest.isPublic());
        putIfPresent(out, "published_at", image.publishedAt() == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(image.publishedAt()));
        putIfPresent(out, "type", manifest.type() == null ? null : manifest.type().wireName());
        putIfPresent(out, "os", manifest.os() == null ? null : manifest.os().wireName());
        putIfPresent(out, "origin", manifest.origin() == null ? null : manifest.origin().toString());
        if (image.file() != null) {
            out.put("files", List.of(fileEntry(image.file())));
        }
        out.put("requirements", requirements(manifest.requirements()));
        if (!manifest.acl().isEmpty()) {
            out.put("acl", manifest.acl().accounts().stream().map(Object::toString).toList());
        }
        if (!manifest.tags().isEmpty()) {
            out.put("tags", manifest.tags().values());
        }
        return out;
    }

    /** The stored requirements with their manifest keys. */
    public static Map<String, Object> requirements(Requirements requirements) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "min_ram", requirements.minRam());
        putIfPresent(out, "max_ram", requirements.maxRam());
        putIfPresent(out, "brand", requirements.brand());
        putIfPresent(out, "bootrom", requirements.bootrom());
        out.putAll(requirements.others());
        return out;
    }

    private static Map<String, Object> fileEntry(ImageFile file) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sha1", file.sha1());
        out.put("size", file.size());
        out.put("compression", file.compression().wireName());
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
