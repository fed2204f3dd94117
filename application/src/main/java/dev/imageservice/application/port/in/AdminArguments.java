package dev.imageservice.application.port.in;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;

/** Presence checks shared by the admin commands; the domain checks the values themselves. */
final class AdminArguments {

    private AdminArguments() {
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new DomainException(ErrorCode.MISSING_PARAMETER, name + " is required");
        }
        return value.strip();
    }
}
