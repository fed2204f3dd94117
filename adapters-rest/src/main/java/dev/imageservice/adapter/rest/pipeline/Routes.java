package dev.imageservice.adapter.rest.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * The shapes of the CloudAPI paths and the methods each serves: what 405 answers in {@code Allow}
 * and what CORS preflights are told.
 */
public enum Routes {
    ACCOUNT("GET, HEAD"),
    IMAGES("GET, HEAD, POST"),
    IMAGE("GET, HEAD, POST, DELETE");

    private final String methods;

    Routes(String methods) {
        this.methods = methods;
    }

    public String methods() {
        return methods;
    }

    /** Whether the route answers this method; OPTIONS preflights are answered everywhere. */
    public boolean serves(String method) {
        return method.equals("OPTIONS") || List.of(methods.split(", ")).contains(method);
    }

    /** The route a request path has the shape of, or null for a path no route serves. */
    public static Routes of(String path) {
        String[] segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (segments.length == 1) {
            return ACCOUNT;
        }
        if (segments.length >= 2 && segments.length <= 3 && segments[1].equals("images")) {
            return segments.length == 2 ? IMAGES : IMAGE;
        }
        return null;
    }
}
