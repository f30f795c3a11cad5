package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * A private key with its certificate, loaded from the testkit's committed test keys (see keys/README.md: they are
 * public and prove nothing outside tests).
 *
 * @param privateKey the signing key
 * @param certificate its self-signed certificate
 */
public record TestCredential(PrivateKey privateKey, X509Certificate certificate) {

    /** The test IdP's normal RSA-2048 signing key. */
    public static TestCredential idpSigning() {
        return Holder.IDP;
    }

    /** A second IdP key, as during a key rollover. */
    public static TestCredential idpRollover() {
        return Holder.ROLLOVER;
    }

    /** An attacker's RSA key whose certificate carries the same subject DN as {@link #idpSigning()}. */
    public static TestCredential attacker() {
        return Holder.ATTACKER;
    }

    /** A P-256 ECDSA key. */
    public static TestCredential idpEc() {
        return Holder.EC;
    }

    /** The test SP's current RSA-2048 key (signing and encryption). */
    public static TestCredential spCurrent() {
        return Holder.SP_CURRENT;
    }

    /** The test SP's next key, for rollover tests. */
    public static TestCredential spNext() {
        return Holder.SP_NEXT;
    }

    /** A 1024-bit RSA key, below the minimum key size. */
    public static TestCredential idpWeak() {
        return Holder.WEAK;
    }

    /** The certificate as PEM. */
    public String certificatePem() {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The certificate as bare base64 DER, as in metadata. */
    public String certificateBase64() {
        return Base64.getEncoder().encodeToString(der());
    }

    /** An OpenSAML credential for signing. */
    public BasicX509Credential toOpenSaml() {
        BasicX509Credential credential = new BasicX509Credential(certificate, privateKey);
        return credential;
    }

    private byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a key pair from testkit resources {@code keys/{name}.key|.crt}. */
    public static TestCredential load(String name) {
        try {
            String keyPem = resource("keys/" + name + ".key");
            byte[] keyDer = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(TestCredential.class.getResourceAsStream("keys/" + name + ".crt"));
            String algorithm = certificate.getPublicKey().getAlgorithm();
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(keyDer));
            return new TestCredential(key, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load test key " + name, e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = TestCredential.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static final class Holder {
        static final TestCredential IDP = load("idp-signing");
        static final TestCredential ROLLOVER = load("idp-rollover");
        static final TestCredential ATTACKER = load("attacker");
        static final TestCredential EC = load("idp-ec");
        static final TestCredential SP_CURRENT = load("sp-current");
        static final TestCredential SP_NEXT = load("sp-next");
        static final TestCredential WEAK = load("idp-weak");
    }
}
