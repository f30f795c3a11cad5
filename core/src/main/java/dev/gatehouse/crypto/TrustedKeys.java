package dev.gatehouse.crypto;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The public keys an asserting party may sign with, taken from configuration or metadata only. A key carried in a
 * message's KeyInfo is never one of them.
 *
 * @param entityId the IdP these keys belong to
 * @param certificates the configured signing certificates (several during a rollover)
 */
public record TrustedKeys(String entityId, List<X509Certificate> certificates) {

    public TrustedKeys {
        Objects.requireNonNull(entityId, "entityId");
        certificates = List.copyOf(certificates);
    }

    /** The public keys, in configuration order. */
    public List<PublicKey> publicKeys() {
        return certificates.stream().map(X509Certificate::getPublicKey).toList();
    }
}
