package dev.imageservice.adapter.rest.error;

/**
 * A request this adapter refuses for its form, not its meaning: a version range no route serves, a
 * body that is not a JSON object or is too large, a missing or unknown action, a parameter of the
 * wrong shape. Domain rules stay {@code DomainException}s; both leave as the same CloudAPI body.
 */
public class ProtocolException extends RuntimeException {

    private final ErrorStatus.Protocol error;

    public ProtocolException(ErrorStatus.Protocol error, String message) {
        super(message);
        this.error = error;
    }

    public ErrorStatus.Protocol error() {
        return error;
    }
}
