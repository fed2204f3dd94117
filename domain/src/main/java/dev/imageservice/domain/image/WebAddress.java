package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.net.URI;
import java.net.URISyntaxException;

/** An http(s) URL of at most 1024 characters: the homepage and eula fields. */
public record WebAddress(String value) {

    public WebAddress(String field, String value) {
        this(checked(field, value));
    }

    private static String checked(String field, String value) {
        new TextRule(field, 1024, null).check(value);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw invalid(field);
            }
        } catch (URISyntaxException e) {
            throw invalid(field);
        }
        return value;
    }

    private static DomainException invalid(String field) {
        return DomainException.validationFailed(FieldError.invalid(field, field + " must be an http or https URL"));
    }
}
