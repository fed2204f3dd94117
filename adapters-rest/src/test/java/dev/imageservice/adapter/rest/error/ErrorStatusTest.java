package dev.imageservice.adapter.rest.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The HTTP status of every CloudAPI error code, as docs/compatibility.md ("Errors") lists them. */
class ErrorStatusTest {

    private static final Map<String, Integer> EXPECTED = Map.ofEntries(
            Map.entry("InvalidHeader", 400),
            Map.entry("InvalidCredentials", 401),
            Map.entry("UnauthorizedError", 401),
            Map.entry("NotAuthorized", 403),
            Map.entry("ResourceNotFound", 404),
            Map.entry("InvalidArgument", 409),
            Map.entry("MissingParameter", 409),
            Map.entry("ImageUuidAlreadyExists", 409),
            Map.entry("ConflictError", 409),
            Map.entry("PreconditionFailed", 412),
            Map.entry("ValidationFailed", 422),
            Map.entry("InvalidParameter", 422),
            Map.entry("NotImageOwner", 422),
            Map.entry("ImageNotShared", 422),
            Map.entry("NotMantaPathOwner", 422),
            Map.entry("OriginIsNotActive", 422),
            Map.entry("OriginDoesNotExist", 422),
            Map.entry("OwnerDoesNotExist", 422),
            Map.entry("ImageHasDependentImages", 422),
            Map.entry("InternalError", 500),
            Map.entry("NotAvailable", 501),
            Map.entry("RemoteSourceError", 503),
            Map.entry("ServiceUnavailableError", 503));

    @Test
    void everyDomainCodeHasItsCloudApiStatus() {
        Map<String, Integer> actual = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::wireName, ErrorStatus::of));

        assertThat(actual).isEqualTo(EXPECTED);
    }

    /** A protocol error and a domain error with the same wire name must never answer differently. */
    @Test
    void protocolErrorsSharingADomainCodeAnswerItsStatus() {
        for (ErrorStatus.Protocol protocol : ErrorStatus.Protocol.values()) {
            Integer domainStatus = EXPECTED.get(protocol.wireName());
            if (domainStatus != null) {
                assertThat(protocol.status()).as(protocol.wireName()).isEqualTo(domainStatus);
            }
        }
    }
}
