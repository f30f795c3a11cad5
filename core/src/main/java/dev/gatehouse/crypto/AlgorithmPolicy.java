package dev.gatehouse.crypto;

import java.util.HashSet;
import java.util.Set;

/**
 * The allow-lists for XML signatures. Anything not listed is refused; there is no deny-list.
 *
 * <p>Defaults: RSA (PKCS#1 v1.5 and PSS) and ECDSA with SHA-256/384/512, SHA-256/384/512 digests, exclusive
 * canonicalization, and only the enveloped-signature and exclusive c14n transforms (saml-core-2.0-os 5.4.4). SHA-1
 * is added only by {@link #withSha1()}, which a provider enables with {@code allowSha1}. HMAC is never allowed: with
 * a public key as the "secret" anyone could forge it.
 *
 * @param signatureMethods allowed SignatureMethod URIs
 * @param digestMethods allowed DigestMethod URIs
 * @param canonicalizationMethods allowed CanonicalizationMethod URIs
 * @param transforms allowed Transform URIs
 */
public record AlgorithmPolicy(Set<String> signatureMethods, Set<String> digestMethods,
        Set<String> canonicalizationMethods, Set<String> transforms) {

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
    }

    /** The secure defaults described above. */
    public static AlgorithmPolicy secureDefaults() {
        return new AlgorithmPolicy(
                Set.of(RSA_SHA256, RSA_SHA384, RSA_SHA512, ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512, RSA_PSS_SHA256,
                        RSA_PSS_SHA384, RSA_PSS_SHA512),
                Set.of(SHA256, SHA384, SHA512),
                Set.of(EXC_C14N, EXC_C14N_WITH_COMMENTS),
                Set.of(ENVELOPED_SIGNATURE, EXC_C14N, EXC_C14N_WITH_COMMENTS));
    }

    /** This policy plus RSA-SHA1, ECDSA-SHA1 and the SHA-1 digest. */
    public AlgorithmPolicy withSha1() {
        Set<String> signatures = new HashSet<>(signatureMethods);
        signatures.add(RSA_SHA1);
        signatures.add(ECDSA_SHA1);
        Set<String> digests = new HashSet<>(digestMethods);
        digests.add(SHA1);
        return new AlgorithmPolicy(signatures, digests, canonicalizationMethods, transforms);
    }
}
