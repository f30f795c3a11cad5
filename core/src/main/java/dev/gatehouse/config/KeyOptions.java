package dev.gatehouse.config;

import dev.gatehouse.crypto.AlgorithmPolicy;

/**
 * What a provider does with the SP's keys, and what it accepts encrypted.
 *
 * @param signAuthnRequests sign AuthnRequests: true, false, or null to follow the IdP metadata's
 *     WantAuthnRequestsSigned (logout messages are signed whenever a signing key exists)
 * @param signMetadata sign the SP metadata document
 * @param wantAssertionsEncrypted refuse assertions that arrive unencrypted
 * @param allowRsa15KeyTransport accept RSA PKCS#1 v1.5 key transport (Bleichenbacher-type oracles; default false)
 * @param minRsaKeySize the smallest RSA key accepted from the IdP, in bits (default 2048)
 */
public record KeyOptions(Boolean signAuthnRequests, boolean signMetadata, boolean wantAssertionsEncrypted,
        boolean allowRsa15KeyTransport, int minRsaKeySize) {

    /** The default minimum RSA key size. */
    public static final int DEFAULT_MIN_RSA_KEY_SIZE = AlgorithmPolicy.DEFAULT_MIN_RSA_KEY_SIZE;

    public KeyOptions {
        if (minRsaKeySize < 1024) {
            throw new IllegalArgumentException("minRsaKeySize must be at least 1024");
        }
    }

    /** Follow the IdP for AuthnRequest signing, no metadata signature, plaintext allowed, no RSA 1.5, 2048 bits. */
    public static KeyOptions defaults() {
        return new KeyOptions(null, false, false, false, DEFAULT_MIN_RSA_KEY_SIZE);
    }
}
