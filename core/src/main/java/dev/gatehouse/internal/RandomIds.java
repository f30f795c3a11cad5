package dev.gatehouse.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unpredictable identifiers for SAML messages, browser bindings and incident ids. Thread-safe. */
public final class RandomIds {

    private final SecureRandom random = new SecureRandom();

    /** A SAML ID: an NCName starting with an underscore and 128 bits of randomness in hex. */
    public String samlId() {
        return "_" + HexFormat.of().formatHex(bytes(16));
    }

    /** A URL-safe token with 256 bits of randomness. */
    public String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    /** A short id a user can read out to support staff (not a secret, 40 bits). */
    public String incidentId() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        byte[] b = bytes(8);
        StringBuilder id = new StringBuilder(8);
        for (byte x : b) {
            id.append(alphabet.charAt((x & 0xff) % alphabet.length()));
        }
        return id.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
