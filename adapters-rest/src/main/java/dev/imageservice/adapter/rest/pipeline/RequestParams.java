package dev.imageservice.adapter.rest.pipeline;

import dev.imageservice.adapter.rest.error.ErrorStatus;
import dev.imageservice.adapter.rest.error.ProtocolException;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's parameters: the query merged with the JSON body's members, the body winning, as
 * restify's mapParams does ({@code triton image export} sends its action in the body only).
 */
public final class RequestParams {

    /** CloudAPI caps request bodies at this many bytes. */
    public static final int MAX_BODY_BYTES = 100_000;

    private final Map<String, Object> values;

    private RequestParams(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static RequestParams merge(Map<String, List<String>> query, byte[] body) {
        Map<String, Object> values = new LinkedHashMap<>();
        query.forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        values.putAll(bodyMembers(body));
        return new RequestParams(values);
    }

    private static Map<String, Object> bodyMembers(byte[] body) {
        if (body == null || body.length == 0) {
            return Map.of();
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        Object parsed;
        try {
            parsed = JsonBody.read(body);
        } catch (IOException e) {
            throw new ProtocolException(ErrorStatus.Protocol.INVALID_CONTENT, "Invalid JSON: " + firstLine(e));
        }
        if (parsed == null) {
            return Map.of();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new ProtocolException(ErrorStatus.Protocol.INVALID_CONTENT, "request body must be a JSON object");
        }
        Map<String, Object> members = new LinkedHashMap<>();
        map.forEach((key, value) -> members.put(String.valueOf(key), value));
        return members;
    }

    public static ProtocolException tooLarge() {
        return new ProtocolException(ErrorStatus.Protocol.REQUEST_ENTITY_TOO_LARGE,
                "request body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The parameter as text: strings as they are, other JSON scalars in their JSON spelling; null when absent. */
    public String text(String name) {
        Object value = values.get(name);
        return value == null ? null : String.valueOf(value);
    }

    /** The parameter as text; absent or empty is 409 MissingParameter. */
    public String required(String name) {
        String value = text(name);
        if (value == null || value.isEmpty()) {
            throw new ProtocolException(ErrorStatus.Protocol.MISSING_PARAMETER, name + " is required");
        }
        return value;
    }

    /** The raw value: a query string or a parsed JSON value. */
    public Object value(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, Object> asMap() {
        return values;
    }
}
