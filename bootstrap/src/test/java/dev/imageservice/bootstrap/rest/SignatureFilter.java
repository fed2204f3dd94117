package dev.imageservice.bootstrap.rest;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Signs each request as triton does: {@code headers="(request-target) date"}, rsa-sha256, a Date of
 * now, and the request target exactly as it goes on the wire.
 */
public final class SignatureFilter implements Filter {

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final String login;
    private final TestKey key;

    public SignatureFilter(String login, TestKey key) {
        this.login = login;
        this.key = key;
    }

    public static String now() {
        return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Date")) {
            request.header("Date", now());
        }
        String date = request.getHeaders().getValue("Date");
        URI uri = URI.create(request.getURI());
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String signingString = "(request-target): " + request.getMethod().toLowerCase(Locale.ROOT) + " " + target
                + "\ndate: " + date;
        request.header("Authorization", "Signature keyId=\"/" + login + "/keys/" + key.md5Fingerprint()
                + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) date\",signature=\""
                + key.sign(signingString) + "\"");
        return context.next(request, response);
    }
}
