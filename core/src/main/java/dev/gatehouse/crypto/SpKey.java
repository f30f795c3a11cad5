package dev.gatehouse.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One key pair of this SP, with what it may be used for. Immutable. {@link #toString()} never shows key material.
 *
 * @param name a label for logs and errors (the key's configuration name or file)
 * @param privateKey the private key
 * @param certificate its certificate, published in SP metadata
 * @param signing whether it signs outgoing messages (and metadata)
 * @param encryption whether IdPs may encrypt to it
 * @param active whether it is the one signing key in use (others are published for rollover only)
 */
public record SpKey(String name, PrivateKey privateKey, X509Certificate certificate, boolean signing,
        boolean encryption, boolean active) {

    public SpKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        if (!signing && !encryption) {
            throw new IllegalArgumentException("key [" + name + "] is used for neither signing nor encryption");
        }
        if (encryption && !(certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey)) {
            throw new IllegalArgumentException("key [" + name + "] is " + certificate.getPublicKey().getAlgorithm()
                    + ": IdPs encrypt only to RSA keys, so it can be used for signing only");
        }
    }

    /** This key marked active or not. */
    public SpKey withActive(boolean isActive) {
        return new SpKey(name, privateKey, certificate, signing, encryption, isActive);
    }

    @Override
    public String toString() {
        return "SpKey[" + name + ", " + certificate.getSubjectX500Principal().getName() + ", "
                + (signing ? "signing" : "") + (signing && encryption ? "+" : "") + (encryption ? "encryption" : "")
                + (active ? ", active" : "") + "]";
    }
}
