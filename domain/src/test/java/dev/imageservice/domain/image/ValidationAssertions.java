package dev.imageservice.domain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import dev.imageservice.domain.error.FieldError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the CloudAPI ValidationFailed shape: one error naming the field. */
final class ValidationAssertions {

    private ValidationAssertions() {
    }

    static FieldError assertRefused(ThrowingCallable call, String field) {
        DomainException[] caught = new DomainException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> caught[0] = e);
        DomainException e = caught[0];
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.errors()).hasSize(1);
        FieldError error = e.errors().get(0);
        assertThat(error.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains('"' + field + '"');
        return error;
    }

    static FieldError assertInvalid(ThrowingCallable call, String field) {
        FieldError error = assertRefused(call, field);
        assertThat(error.code()).isEqualTo(FieldError.INVALID);
        return error;
    }

    static FieldError assertMissing(ThrowingCallable call, String field) {
        FieldError error = assertRefused(call, field);
        assertThat(error.code()).isEqualTo(FieldError.MISSING);
        return error;
    }
}
