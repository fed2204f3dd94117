package dev.imageservice.adapter.rest.error;

/** A request this adapter refuses before any use case runs: bad version range, bad JSON, body too large. */
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
