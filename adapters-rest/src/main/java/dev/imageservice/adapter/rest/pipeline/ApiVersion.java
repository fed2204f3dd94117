package dev.imageservice.adapter.rest.pipeline;

import dev.imageservice.adapter.rest.error.ErrorStatus;
import dev.imageservice.adapter.rest.error.ProtocolException;
import java.util.List;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * The CloudAPI version a request is served at. Clients send npm-style ranges ({@code ~9||~8},
 * {@code ~7.2}, {@code *}); every route serves the versions below and the highest one the range
 * allows is chosen, as restify does.
 */
public record ApiVersion(Semver semver) {

    public static final List<ApiVersion> SUPPORTED = List.of(
            of("9.0.0"), of("8.0.0"), of("7.3.0"), of("7.2.0"), of("7.1.0"), of("7.0.0"));

    public static final ApiVersion LATEST = SUPPORTED.get(0);

    private static ApiVersion of(String version) {
        return new ApiVersion(Semver.parse(version));
    }

    /**
     * @param range the first of Accept-Version, X-Api-Version, Api-Version the request carries; null
     *              or blank means the latest
     */
    public static ApiVersion negotiate(String range, String route) {
        if (range == null || range.isBlank()) {
            return LATEST;
        }
        RangesList ranges;
        try {
            ranges = RangesListFactory.create(range.trim());
        } catch (RuntimeException e) {
            ranges = null;
        }
        for (ApiVersion candidate : SUPPORTED) {
            if (ranges != null && ranges.isSatisfiedBy(candidate.semver)) {
                return candidate;
            }
        }
        throw new ProtocolException(ErrorStatus.Protocol.INVALID_VERSION,
                range + " is not supported by " + route);
    }

    /** Before 8.0.0 CloudAPI named image types smartmachine and virtualmachine. */
    public boolean usesLegacyImageTypes() {
        return semver.getMajor() < 8;
    }

    @Override
    public String toString() {
        return semver.getVersion();
    }
}
