package dev.imageservice.application.service;

import dev.imageservice.domain.image.ImageError;

/** A job-time failure with the error the failed image shows (VmHasNoOrigin, NotSupported, ...). */
class ImageJobFailure extends RuntimeException {

    private final ImageError error;

    ImageJobFailure(String code, String message) {
        super(message);
        this.error = new ImageError(code, message);
    }

    ImageError error() {
        return error;
    }
}
