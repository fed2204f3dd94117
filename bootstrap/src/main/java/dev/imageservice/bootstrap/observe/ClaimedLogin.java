package dev.imageservice.bootstrap.observe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The login a request says it signs as, read from its {@code keyId="/LOGIN/keys/..."}: what the
 * access log shows, for refused requests too. Whether the signature holds is authentication's business.
 */
final class ClaimedLogin {

    static final String NONE = "-";

    private static final Pattern KEY_ID = Pattern.compile("keyId\\s*=\\s*\"/([^/\"]+)/");

    private ClaimedLogin() {
    }

    static String of(String authorization) {
        if (authorization == null) {
            return NONE;
        }
        Matcher keyId = KEY_ID.matcher(authorization);
        return keyId.find() ? keyId.group(1) : NONE;
    }
}
