package dev.gatehouse.internal;

import java.util.Base64;

/**
 * Base64 as SAML carries it, in a form field (the HTTP-POST binding) or in an XML element (DigestValue,
 * SignatureValue): the white space IdPs put between lines (space, tab, CR, LF) is allowed, any other character outside
 * the alphabet is refused. The JDK's MIME decoder would skip such characters silently.
 */
public final class Base64Text {

    private Base64Text() {
    }

    /**
     * Decodes {@code text}.
     *
     * @throws IllegalArgumentException from the JDK's strict decoder, naming the first character it refuses
     */
    public static byte[] decode(String text) {
        return Base64.getDecoder().decode(withoutWhiteSpace(text));
    }

    private static String withoutWhiteSpace(String base64) {
        int n = base64.length();
        int i = 0;
        while (i < n && !isWhiteSpace(base64.charAt(i))) {
            i++;
        }
        if (i == n) {
            return base64;
        }
        StringBuilder compact = new StringBuilder(n).append(base64, 0, i);
        for (; i < n; i++) {
            char c = base64.charAt(i);
            if (!isWhiteSpace(c)) {
                compact.append(c);
            }
        }
        return compact.toString();
    }

    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
