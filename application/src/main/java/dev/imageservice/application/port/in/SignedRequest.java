package dev.imageservice.application.port.in;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a signature covers, independent of the transport.
 *
 * @param method        the request method; it is signed lower-case in {@code (request-target)}
 * @param requestTarget the raw path and query exactly as sent (for gRPC: the full method path)
 * @param headers       header values by name; names are matched case-insensitively
 */
public record SignedRequest(String method, String requestTarget, Map<String, String> headers) {

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestTarget, "requestTarget");
        Map<String, String> lowerCased = new HashMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lowerCased);
    }

    /** The header's value, or null; {@code name} is lower-case. */
    public String header(String name) {
        return headers.get(name);
    }
}
