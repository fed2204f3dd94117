package dev.imageservice.application.port.out;

import java.util.Locale;

/**
 * Where refused authentications are counted, by the reason the caller is not told: one answer for
 * an unknown login, an unknown key and a bad signature is right for the caller, but an operator
 * needs to tell a wave of bad signatures from a client with a skewed clock.
 */
public interface AuthenticationFailures {

    void refused(Reason reason);

    enum Reason {
        NO_SIGNATURE, MALFORMED_HEADER, CLOCK_SKEW, MALFORMED_KEY_ID, UNKNOWN_ACCOUNT, UNKNOWN_KEY, BAD_SIGNATURE,
        ACCOUNT_DISABLED;

        /** The reason as metrics and logs show it: {@code bad-signature}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
