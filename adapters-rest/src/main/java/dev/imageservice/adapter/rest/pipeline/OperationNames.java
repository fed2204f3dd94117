package dev.imageservice.adapter.rest.pipeline;

/**
 * The CloudAPI operation a request asks for, named as the contract names it (ListImages, GetImage,
 * ...), from its method, path and {@code action} query parameter alone: access logs and metrics name
 * requests by operation, not by raw path, and need the name even for requests that never reached a
 * resource (refused signatures, unknown paths). HEAD is named as its GET. The CloudAPI form with
 * {@code action} only in the JSON body is named {@link #IMAGE_ACTION} on an image and
 * CreateImageFromMachine on the images collection: the body is not read here.
 */
public final class OperationNames {

    /** A path no route serves, or a method its route does not. */
    public static final String UNROUTED = "Unrouted";
    /** A CORS preflight. */
    public static final String PREFLIGHT = "Preflight";
    /** {@code POST /LOGIN/images/ID} whose action is not in the query. */
    public static final String IMAGE_ACTION = "ImageAction";
    /** The action (and path segment) of ImportImageFromDatacenter. */
    public static final String IMPORT_FROM_DATACENTER = "import-from-datacenter";

    private OperationNames() {
    }

    public static String of(String method, String path, String action) {
        Routes route = Routes.of(path);
        if (route == null || !route.serves(method)) {
            return UNROUTED;
        }
        if (method.equals("OPTIONS")) {
            return PREFLIGHT;
        }
        String[] segments = path.split("/");
        String last = segments[segments.length - 1];
        boolean post = method.equals("POST");
        return switch (route) {
            case ACCOUNT -> "GetAccount";
            case IMAGES -> !post ? "ListImages"
                    : IMPORT_FROM_DATACENTER.equals(action) ? "ImportImageFromDatacenter" : "CreateImageFromMachine";
            case IMAGE -> method.equals("DELETE") ? "DeleteImage"
                    : !post ? "GetImage"
                    : last.equals(IMPORT_FROM_DATACENTER) ? "ImportImageFromDatacenter"
                    : action == null ? IMAGE_ACTION : imageAction(action);
            case IMAGE_ACTION -> imageAction(last);
            case IMAGE_FILE -> "GetImageFile";
            case MACHINES -> "ListMachines";
            case MACHINE -> "GetMachine";
            case DATACENTERS -> "ListDatacenters";
            case MANTA_OBJECT -> "GetExportedObject";
        };
    }

    private static String imageAction(String action) {
        return switch (action) {
            case "update" -> "UpdateImage";
            case "export" -> "ExportImage";
            case "clone" -> "CloneImage";
            default -> IMAGE_ACTION;
        };
    }
}
