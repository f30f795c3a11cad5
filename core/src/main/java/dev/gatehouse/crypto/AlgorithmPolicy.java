package dev.gatehouse.crypto;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one algorithm policy of a provider: the allow-lists for XML signatures, the smallest keys the IdP may sign
 * with, and the XML Encryption algorithms it may encrypt with ({@link #encryption()}). Anything not listed is
 * refused; there is no deny-list.
 *
 * <p>Defaults: RSA (PKCS#1 v1.5 and PSS) and ECDSA with SHA-256/384/512, SHA-256/384/512 digests, exclusive
 * canonicalization, and only the enveloped-signature and exclusive c14n transforms (saml-core-2.0-os 5.4.4). SHA-1
 * is added only by {@link #withSha1()}, which a provider enables with {@code allowSha1}. HMAC is never allowed: with
 * a public key as the "secret" anyone could forge it.
 *
 * <p>The IdP's keys must be RSA of at least {@code minRsaKeySize} bits (2048 unless a provider sets
 * {@code minRsaKeySize}, never below 1024) or EC on NIST P-256, P-384 or P-521; a configured key outside that is
 * not used, and a message only such a key could verify is refused with {@link ErrorCode#SIGNING_KEY_TOO_WEAK}.
 *
 * @param signatureMethods allowed SignatureMethod URIs
 * @param digestMethods allowed DigestMethod URIs
 * @param canonicalizationMethods allowed CanonicalizationMethod URIs
 * @param transforms allowed Transform URIs
 * @param minRsaKeySize the smallest RSA modulus accepted, in bits
 * @param ecCurves allowed EC curve OIDs
 * @param encryption allowed key-transport, content-encryption and OAEP digest algorithms
 */
public record AlgorithmPolicy(Set<String> signatureMethods, Set<String> digestMethods,
        Set<String> canonicalizationMethods, Set<String> transforms, int minRsaKeySize, Set<String> ecCurves,
        EncryptionAlgorithms encryption) {

    /** The default minimum RSA key size. */
    public static final int DEFAULT_MIN_RSA_KEY_SIZE = 2048;
    /** NIST P-256, P-384 and P-521 by OID, with their names for messages. */
    public static final Map<String, String> NIST_CURVES = Map.of("1.2.840.10045.3.1.7", "P-256",
            "1.3.132.0.34", "P-384", "1.3.132.0.35", "P-521");

    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    public static final String RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
    public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public static final String ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    public static final String ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";
    public static final String ECDSA_SHA1 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1";
    public static final String RSA_PSS_SHA256 = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
    public static final String RSA_PSS_SHA384 = "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1";
    public static final String RSA_PSS_SHA512 = "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    public static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
    public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public static final String EXC_C14N_WITH_COMMENTS = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
    public static final String ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    public AlgorithmPolicy {
        signatureMethods = Set.copyOf(signatureMethods);
        digestMethods = Set.copyOf(digestMethods);
        canonicalizationMethods = Set.copyOf(canonicalizationMethods);
        transforms = Set.copyOf(transforms);
        ecCurves = Set.copyOf(ecCurves);
        java.util.Objects.requireNonNull(encryption, "encryption");
        if (minRsaKeySize < 1024) {
            throw new IllegalArgumentException("minRsaKeySize must be at least 1024, not " + minRsaKeySize);
        }
    }

    private static final AlgorithmPolicy SECURE_DEFAULTS = new AlgorithmPolicy(
            Set.of(RSA_SHA256, RSA_SHA384, RSA_SHA512, ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512, RSA_PSS_SHA256,
                    RSA_PSS_SHA384, RSA_PSS_SHA512),
            Set.of(SHA256, SHA384, SHA512),
            Set.of(EXC_C14N, EXC_C14N_WITH_COMMENTS),
            Set.of(ENVELOPED_SIGNATURE, EXC_C14N, EXC_C14N_WITH_COMMENTS), DEFAULT_MIN_RSA_KEY_SIZE,
            NIST_CURVES.keySet(), EncryptionAlgorithms.defaults());

    /** The secure defaults described above (one immutable instance: the ACS asks for it on every login). */
    public static AlgorithmPolicy secureDefaults() {
        return SECURE_DEFAULTS;
    }

    /** This policy with another minimum RSA key size. */
    public AlgorithmPolicy withMinRsaKeySize(int bits) {
        return bits == minRsaKeySize ? this : new AlgorithmPolicy(signatureMethods, digestMethods,
                canonicalizationMethods, transforms, bits, ecCurves, encryption);
    }

    /** This policy plus RSA PKCS#1 v1.5 key transport ({@code allowRsa15KeyTransport}). */
    public AlgorithmPolicy withRsa15KeyTransport() {
        return new AlgorithmPolicy(signatureMethods, digestMethods, canonicalizationMethods, transforms, minRsaKeySize,
                ecCurves, encryption.withRsa15());
    }

    /**
     * Why {@code key} may not verify signatures under this policy.
     *
     * @return a description such as "RSA 1024 bits, below minRsaKeySize 2048", or null when the key is acceptable
     */
    public String weakness(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= minRsaKeySize ? null : "RSA " + bits + " bits, below minRsaKeySize " + minRsaKeySize;
        }
        if (key instanceof ECPublicKey ec) {
            String curve = curveOid(ec);
            return curve != null && ecCurves.contains(curve) ? null : "EC on curve [" + curve + "], not one of "
                    + "P-256, P-384, P-521";
        }
        return key.getAlgorithm() + " keys are not allowed";
    }

    /**
     * The keys of {@code keys} this policy accepts, in order.
     *
     * @throws SamlRejection {@link ErrorCode#SIGNING_KEY_TOO_WEAK} when there are keys but none is acceptable
     */
    public List<PublicKey> usableKeys(TrustedKeys keys) {
        List<PublicKey> usable = new ArrayList<>();
        List<String> weak = new ArrayList<>();
        for (PublicKey key : keys.publicKeys()) {
            String weakness = weakness(key);
            if (weakness == null) {
                usable.add(key);
            } else {
                weak.add(weakness);
            }
        }
        if (usable.isEmpty() && !weak.isEmpty()) {
            throw SamlRejection.of(ErrorCode.SIGNING_KEY_TOO_WEAK, "Every configured signing key of ["
                    + keys.entityId() + "] is too weak: " + String.join("; ", weak), "have the IdP sign with an RSA "
                    + "key of at least " + minRsaKeySize + " bits or an EC P-256/384/521 key (or, as a stopgap, "
                    + "lower minRsaKeySize for this provider)");
        }
        return usable;
    }

    private static String curveOid(ECPublicKey key) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(key.getParams());
            return parameters.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException | RuntimeException unnamedCurve) {
            return null;
        }
    }

    /** This policy plus RSA-SHA1, ECDSA-SHA1 and the SHA-1 digest. */
    public AlgorithmPolicy withSha1() {
        Set<String> signatures = new HashSet<>(signatureMethods);
        signatures.add(RSA_SHA1);
        signatures.add(ECDSA_SHA1);
        Set<String> digests = new HashSet<>(digestMethods);
        digests.add(SHA1);
        return new AlgorithmPolicy(signatures, digests, canonicalizationMethods, transforms, minRsaKeySize, ecCurves,
                encryption);
    }
}
