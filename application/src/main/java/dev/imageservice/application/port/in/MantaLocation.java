package dev.imageservice.application.port.in;

/** Where an export went: the object store's base URL and the two object paths. */
public record MantaLocation(String mantaUrl, String imagePath, String manifestPath) {
}
