package dev.imageservice.application.port.in;

/** Fails creations that never finished, so that no image stays {@code creating} forever. */
public interface ExpireImagePlaceholdersUseCase {

    /** Returns how many placeholders were failed. */
    int expirePlaceholders();
}
