package dev.gatehouse.crypto;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes an SP key pair and a self-signed certificate for SAML metadata, as PEM: the private key as PKCS#8
 * (optionally encrypted with AES-256-CBC under PBKDF2, which {@link KeyLoader} reads with {@code password}) and the
 * certificate. SAML trusts the certificate because it is in the SP metadata, not because of a CA, so self-signed is
 * what IdPs expect. Stateless.
 */
public final class SpKeyGenerator {

    /** The key algorithms offered. */
    public enum KeyType {
        /** RSA with the given bit size (2048, 3072 or 4096); the most widely supported by IdPs. */
        RSA,
        /** ECDSA on NIST P-256; signing only in practice (XML Encryption to EC keys is rarely supported by IdPs). */
        EC
    }

    /**
     * What to generate.
     *
     * @param commonName the certificate's CN (for example the SP's host name)
     * @param type RSA or EC
     * @param rsaBits the RSA key size; ignored for EC
     * @param validity how long the certificate is valid from now
     */
    public record Request(String commonName, KeyType type, int rsaBits, Duration validity) {
        public Request {
            if (commonName == null || commonName.isBlank()) {
                throw new IllegalArgumentException("the certificate needs a common name");
            }
            if (type == KeyType.RSA && rsaBits != 2048 && rsaBits != 3072 && rsaBits != 4096) {
                throw new IllegalArgumentException("RSA key size must be 2048, 3072 or 4096, not " + rsaBits);
            }
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive");
            }
        }
    }

    /**
     * The generated material.
     *
     * @param keyPair the key pair
     * @param certificate the self-signed certificate
     * @param privateKeyPem the private key, PKCS#8 PEM (encrypted if a password was given)
     * @param certificatePem the certificate, PEM
     */
    public record Generated(KeyPair keyPair, X509Certificate certificate, String privateKeyPem,
            String certificatePem) {

        @Override
        public String toString() {
            return "Generated[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private final SecureRandom random = new SecureRandom();

    /**
     * Generates a key pair and certificate.
     *
     * @param password encrypts the private key PEM, or null to leave it unencrypted (protect it by file permissions)
     */
    public Generated generate(Request request, Instant now, char[] password) {
        try {
            KeyPair pair = keyPair(request);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, request.commonName()).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(request.validity())), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | (request.type() == KeyType.RSA ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement)));
            String algorithm = request.type() == KeyType.RSA ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())));
            return new Generated(pair, certificate, privateKeyPem(pair, password), pem(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not generate the key pair: " + e.getMessage(), e);
        }
    }

    private KeyPair keyPair(Request request) throws GeneralSecurityException {
        if (request.type() == KeyType.EC) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(request.rsaBits(), random);
        return generator.generateKeyPair();
    }

    private String privateKeyPem(KeyPair pair, char[] password) throws IOException, OperatorCreationException {
        if (password == null) {
            return pem(new JcaPKCS8Generator(pair.getPrivate(), null));
        }
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setRandom(random).setPassword(password).setIterationCount(210_000).build();
        return pem(new JcaPKCS8Generator(pair.getPrivate(), encryptor));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
