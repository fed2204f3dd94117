package dev.imageservice.bootstrap.security;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of an {@code Authorization: Signature ...} header, in either form real clients
 * send:
 * <ul>
 *   <li>{@code Signature keyId="..",algorithm="..",headers="(request-target) date",signature="B64"}</li>
 *   <li>the legacy {@code Signature keyId="..",algorithm=".." B64}: the signature trails the
 *       parameters and, without a {@code headers} parameter, signs the bare Date value.</li>
 * </ul>
 *
 * @param headers the signed header names, lower-case; null when the header named none
 * @param legacy  whether the signature trailed the parameters
 */
record SignatureAuthorization(String keyId, String algorithm, List<String> headers, byte[] signature,
                              boolean legacy) {

    static final String SCHEME = "Signature";

    /** One {@code name="value"} parameter; values cannot hold quotes (no escaping, as in http-signature). */
    private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9_-]+)\\s*=\\s*\"([^\"]*)\"");

    /** Whether the header uses the Signature scheme at all (compared case-insensitively). */
    static boolean usesSignatureScheme(String authorization) {
        String trimmed = authorization.strip();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).equalsIgnoreCase(SCHEME);
    }

    /** Parses a header that {@link #usesSignatureScheme uses the Signature scheme}; anything malformed is InvalidHeader. */
    static SignatureAuthorization parse(String authorization) {
        String text = authorization.strip().substring(SCHEME.length());
        Map<String, String> params = new HashMap<>();
        String trailing = null;
        int i = skipSpace(text, 0);
        if (i == 0 || i == text.length()) {
            throw malformed("no signature parameters");
        }
        Matcher param = PARAM.matcher(text);
        while (true) {
            param.region(i, text.length());
            if (!param.lookingAt()) {
                throw malformed("expected name=\"value\" parameters");
            }
            String name = param.group(1).toLowerCase(Locale.ROOT);
            if (params.put(name, param.group(2)) != null) {
                throw malformed(name + " appears twice");
            }
            i = skipSpace(text, param.end());
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) == ',') {
                i = skipSpace(text, i + 1);
                if (i == text.length()) {
                    throw malformed("trailing comma");
                }
                continue;
            }
            if (i == param.end()) {
                throw malformed("parameters must be separated by commas");
            }
            // Whitespace, then no comma: the legacy form's trailing signature, which ends the header.
            trailing = text.substring(i).strip();
            if (trailing.chars().anyMatch(Character::isWhitespace)) {
                throw malformed("unexpected text after the signature");
            }
            break;
        }
        String keyId = params.get("keyid");
        String algorithm = params.get("algorithm");
        if (keyId == null) {
            throw malformed("keyId is missing");
        }
        if (algorithm == null) {
            throw malformed("algorithm is missing");
        }
        String encodedSignature = params.get("signature");
        if (encodedSignature != null && trailing != null) {
            throw malformed("two signatures");
        }
        boolean legacy = encodedSignature == null;
        if (legacy) {
            encodedSignature = trailing;
        }
        if (encodedSignature == null || encodedSignature.isEmpty()) {
            throw malformed("signature is missing");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encodedSignature);
        } catch (IllegalArgumentException e) {
            throw malformed("signature is not base64");
        }
        String headerList = params.get("headers");
        List<String> headers = headerList == null ? null
                : Arrays.stream(headerList.strip().split("\\s+"))
                        .filter(h -> !h.isEmpty())
                        .map(h -> h.toLowerCase(Locale.ROOT))
                        .toList();
        return new SignatureAuthorization(keyId, algorithm, headers, signature, legacy);
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static DomainException malformed(String detail) {
        return new DomainException(ErrorCode.INVALID_HEADER, "Invalid authorization header: " + detail);
    }
}
