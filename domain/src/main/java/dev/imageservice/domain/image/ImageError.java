package dev.imageservice.domain.image;

import java.util.Set;

/** Why an image creation failed. */
public record ImageError(String code, String message) {

    private static final Set<String> PUBLIC_CODES = Set.of("PrepareImageDidNotRun", "VmHasNoOrigin", "NotSupported");

    /** The code shown to clients: anything but the documented job codes is an InternalError. */
    public String shownCode() {
        return PUBLIC_CODES.contains(code) ? code : "InternalError";
    }
}
