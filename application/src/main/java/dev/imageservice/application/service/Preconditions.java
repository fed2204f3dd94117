package dev.imageservice.application.service;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.image.Image;

/** Explicit optimistic concurrency: a write that names the revision it was based on. */
final class Preconditions {

    private Preconditions() {
    }

    /** Nothing to check when {@code expected} is null; a stored revision that moved on is PreconditionFailed. */
    static void requireRevision(Image image, Long expected) {
        if (expected != null && expected != image.revision()) {
            throw new DomainException(ErrorCode.PRECONDITION_FAILED, "image " + image.id() + " is at revision "
                    + image.revision() + ", not " + expected + "; reload it and try again");
        }
    }
}
