package dev.imageservice.adapter.rest.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shapes of the CloudAPI paths and the methods each serves: what 405 answers in {@code Allow}
 * and what CORS preflights are told. {@code /LOGIN/images/import-from-datacenter} has the shape of an
 * image path (GET and DELETE there look for an image of that id, POST imports), so it needs no entry.
 */
public enum Routes {
    ACCOUNT("GET, HEAD"),
    IMAGES("GET, HEAD, POST"),
    IMAGE("GET, HEAD, POST, DELETE"),
    /** One image action on a path of its own: {@code /LOGIN/images/ID/update}, {@code .../export}, {@code .../clone}. */
    IMAGE_ACTION("POST"),
    IMAGE_FILE("GET, HEAD"),
    MACHINES("GET, HEAD"),
    MACHINE("GET, HEAD"),
    DATACENTERS("GET, HEAD"),
    MANTA_OBJECT("GET, HEAD");

    private static final Set<String> IMAGE_ACTIONS = Set.of("update", "export", "clone");

    private final String methods;
    /** {@link #methods} as a set, split once: it is asked of every request. */
    private final Set<String> served;

    Routes(String methods) {
        this.methods = methods;
        this.served = Set.of(methods.split(", "));
    }

    public String methods() {
        return methods;
    }

    /** Whether the route answers this method; OPTIONS preflights are answered everywhere. */
    public boolean serves(String method) {
        return method.equals("OPTIONS") || served.contains(method);
    }

    /** The route a request path has the shape of, or null for a path no route serves. */
    public static Routes of(String path) {
        List<String> segments = new ArrayList<>(5);
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (segments.size() < 2) {
            return segments.size() == 1 ? ACCOUNT : null;
        }
        return switch (segments.get(1)) {
            case "images" -> switch (segments.size()) {
                case 2 -> IMAGES;
                case 3 -> IMAGE;
                case 4 -> segments.get(3).equals("file") ? IMAGE_FILE
                        : IMAGE_ACTIONS.contains(segments.get(3)) ? IMAGE_ACTION : null;
                default -> null;
            };
            case "machines" -> segments.size() == 2 ? MACHINES : segments.size() == 3 ? MACHINE : null;
            case "datacenters" -> segments.size() == 2 ? DATACENTERS : null;
            case "stor", "public" -> segments.size() >= 3 ? MANTA_OBJECT : null;
            default -> null;
        };
    }
}
