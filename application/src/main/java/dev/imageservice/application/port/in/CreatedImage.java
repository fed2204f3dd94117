package dev.imageservice.application.port.in;

import dev.imageservice.domain.image.Image;
import java.util.UUID;

/** The placeholder image of a creation and the job that will finish it. */
public record CreatedImage(Image image, UUID jobId) {
}
