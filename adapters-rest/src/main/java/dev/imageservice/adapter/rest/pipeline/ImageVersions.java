package dev.imageservice.adapter.rest.pipeline;

import dev.imageservice.adapter.rest.error.ErrorStatus;
import dev.imageservice.adapter.rest.error.ProtocolException;
import jakarta.enterprise.context.RequestScoped;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explicit optimistic concurrency over HTTP: an answer that is one image carries its revision as a
 * strong {@code ETag} ({@code "7"}), and UpdateImage and DeleteImage honour {@code If-Match} with
 * it. Without {@code If-Match} (every CloudAPI client) nothing changes; {@code If-Match: *} only
 * asks that the image exist.
 *
 * <p>{@link ImageVersionFilters} hands in the request's If-Match and turns the image the resource
 * answered with ({@link #answer}) into the ETag of a successful answer.
 */
@RequestScoped
public class ImageVersions {

    /** Never a stored revision: an If-Match that can match no image. */
    private static final long NO_REVISION = -1;
    private static final Pattern STRONG_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private String ifMatch;
    private Long answered;

    /** The answer of this request is the image at {@code revision}. */
    public void answer(long revision) {
        answered = revision;
    }

    /**
     * The revision the request's {@code If-Match} asks for: null when there is none or it is
     * {@code *}. A weak or malformed tag matches no image (If-Match compares strongly), so the write
     * is PreconditionFailed. One tag at most: an image has one revision at a time.
     */
    public Long expectedRevision() {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        if (ifMatch.contains(",")) {
            throw new ProtocolException(ErrorStatus.Protocol.BAD_REQUEST, "If-Match takes one ETag or *");
        }
        Matcher tag = STRONG_TAG.matcher(ifMatch.trim());
        return tag.matches() ? Long.valueOf(tag.group(1)) : NO_REVISION;
    }

    static String etagOf(long revision) {
        return "\"" + revision + "\"";
    }

    void ifMatch(String header) {
        ifMatch = header;
    }

    Long answered() {
        return answered;
    }
}
