package dev.gatehouse.crypto;

import java.util.HashSet;
import java.util.Set;

/**
 * The XML Encryption part of {@link AlgorithmPolicy}: the algorithms Gatehouse decrypts, as allow-lists: key transport by RSA-OAEP (xmlenc
 * {@code rsa-oaep-mgf1p} and xmlenc11 {@code rsa-oaep}, with SHA-1 or SHA-256 OAEP digests and MGF1), content by
 * AES-GCM and AES-CBC. RSA PKCS#1 v1.5 key transport only with {@code allowRsa15KeyTransport}: its padding errors
 * make Bleichenbacher-type oracles. Never 3DES.
 *
 * @param keyTransport allowed key-transport URIs
 * @param content allowed content-encryption URIs
 * @param digests allowed OAEP digest URIs
 */
public record EncryptionAlgorithms(Set<String> keyTransport, Set<String> content, Set<String> digests) {

    public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public static final String RSA_OAEP_11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public static final String RSA_1_5 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
    public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public static final String AES192_GCM = "http://www.w3.org/2009/xmlenc11#aes192-gcm";
    public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    public static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
    public static final String AES192_CBC = "http://www.w3.org/2001/04/xmlenc#aes192-cbc";
    public static final String AES256_CBC = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
    public static final String TRIPLEDES_CBC = "http://www.w3.org/2001/04/xmlenc#tripledes-cbc";
    public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    public EncryptionAlgorithms {
        keyTransport = Set.copyOf(keyTransport);
        content = Set.copyOf(content);
        digests = Set.copyOf(digests);
    }

    /** The defaults described above. */
    public static EncryptionAlgorithms defaults() {
        return new EncryptionAlgorithms(Set.of(RSA_OAEP_MGF1P, RSA_OAEP_11),
                Set.of(AES128_GCM, AES192_GCM, AES256_GCM, AES128_CBC, AES192_CBC, AES256_CBC), Set.of(SHA1, SHA256));
    }

    /** These algorithms plus RSA PKCS#1 v1.5 key transport. */
    public EncryptionAlgorithms withRsa15() {
        Set<String> transport = new HashSet<>(keyTransport);
        transport.add(RSA_1_5);
        return new EncryptionAlgorithms(transport, content, digests);
    }

    /** Whether a content algorithm is CBC (integrity then rests on the signature over the decrypted assertion). */
    public static boolean isCbc(String contentAlgorithm) {
        return contentAlgorithm != null && contentAlgorithm.endsWith("-cbc");
    }
}
