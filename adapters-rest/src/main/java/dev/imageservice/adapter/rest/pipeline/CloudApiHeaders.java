package dev.imageservice.adapter.rest.pipeline;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every response carries (docs/compatibility.md, "Response headers"), errors and unknown paths included. JSON
 * entities are serialised here, once, so that Content-Length and Content-MD5 describe exactly the
 * bytes sent; a HEAD response keeps those headers and drops the bytes. A {@link JsonArrayStream}
 * (ListImages) is written, its length and digest included, by {@link JsonArrayStreamWriter}.
 */
public class CloudApiHeaders {

    public static final String API_VERSION = ApiVersion.LATEST.toString();
    public static final String SERVER = "image-service/" + API_VERSION;
    public static final String ALLOW_HEADERS =
            "Accept, Accept-Version, Content-Length, Content-MD5, Content-Type, Date, Api-Version, Response-Time";
    public static final String EXPOSE_HEADERS = "Api-Version, Request-Id, Response-Time";

    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];
    private static final String STARTED = CloudApiHeaders.class.getName() + ".started";
    private static final String REQUEST_ID = CloudApiHeaders.class.getName() + ".request-id";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    /** Replaced whole, never changed in place: a racing reader sees one second or the other. */
    private static volatile HttpDate lastDate = new HttpDate(Long.MIN_VALUE, "");

    /** Runs before routing, so that even unknown paths are timed and oversized bodies refused unread. */
    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        request.setProperty(REQUEST_ID, requestIdOf(request));
        String length = request.getHeaderString("Content-Length");
        if (length != null && length.trim().matches("\\d{1,18}")
                && Long.parseLong(length.trim()) > RequestParams.MAX_BODY_BYTES) {
            throw RequestParams.tooLarge();
        }
    }

    /** The lowest priority runs last among response filters, after anything else changed the response. */
    @ServerResponseFilter(priority = 0)
    public void finish(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        Object entity = response.getEntity();
        if (entity != null && !(entity instanceof JsonArrayStream) && isJson(entity)) {
            byte[] bytes = JsonBody.write(entity);
            // setEntity rebuilds the response, copying every header set so far: done first, it copies the fewest.
            response.setEntity(bytes, NO_ANNOTATIONS, MediaType.APPLICATION_JSON_TYPE);
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Content-Type", MediaType.APPLICATION_JSON);
            headers.putSingle("Content-Length", String.valueOf(bytes.length));
            headers.putSingle("Content-MD5", JsonBody.md5(bytes));
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (entity instanceof JsonArrayStream array && request.getMethod().equals(HttpMethod.HEAD)) {
            headOfStream(array, headers);
        }
        headers.putSingle("Access-Control-Allow-Origin", "*");
        headers.putSingle("Access-Control-Allow-Headers", ALLOW_HEADERS);
        Routes route = Routes.of(http.path());
        if (route != null) {
            headers.putSingle("Access-Control-Allow-Methods", route.methods());
        }
        headers.putSingle("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        headers.putSingle("Api-Version", API_VERSION);
        headers.putSingle("Server", SERVER);
        headers.putSingle("Request-Id", requestId(request));
        headers.putSingle("Response-Time", String.valueOf(elapsedMillis(request)));
        headers.putSingle("Date", httpDate(Instant.now()));
    }

    /**
     * The entity of a HEAD answer is never written, so the length and digest GET's writer would send
     * are set here; the array is produced no further than the bound past which GET sends neither.
     */
    private static void headOfStream(JsonArrayStream array, MultivaluedMap<String, Object> headers) {
        byte[] whole;
        try {
            whole = array.within(JsonArrayStreamWriter.DIGESTED_UP_TO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (whole != null) {
            headers.putSingle("Content-Length", String.valueOf(whole.length));
            headers.putSingle("Content-MD5", JsonBody.md5(whole));
        }
    }

    /**
     * The Date header for an instant, formatted once per second: answers come thousands a second, and
     * formatting the date cost about as much as setting every other header.
     */
    static String httpDate(Instant now) {
        long second = now.getEpochSecond();
        HttpDate last = lastDate;
        if (last.epochSecond() != second) {
            last = new HttpDate(second, HTTP_DATE.format(Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC)));
            lastDate = last;
        }
        return last.text();
    }

    private record HttpDate(long epochSecond, String text) {
    }

    private static boolean isJson(Object entity) {
        return !(entity instanceof byte[] || entity instanceof String || entity instanceof InputStream
                || entity instanceof java.io.File || entity instanceof java.nio.file.Path);
    }

    /** The Request-Id answered to this request: the client's own if it sent one, else a new UUID. */
    public static String requestId(ContainerRequestContext request) {
        return request.getProperty(REQUEST_ID) instanceof String id ? id : requestIdOf(request);
    }

    private static String requestIdOf(ContainerRequestContext request) {
        String id = request.getHeaderString("request-id");
        if (id == null || id.isBlank()) {
            id = request.getHeaderString("x-request-id");
        }
        return id == null || id.isBlank() ? RequestIds.newId() : id;
    }

    private static long elapsedMillis(ContainerRequestContext request) {
        Object started = request.getProperty(STARTED);
        return started instanceof Long nanos ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos) : 0;
    }
}
