package dev.gatehouse.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;

/**
 * How the test IdP checks an SP's signed requests, independently of Gatehouse's own code: the HTTP-Redirect
 * query-string signature over the octets as received (saml-bindings-2.0-os 3.4.4.1), and the HTTP-POST enveloped
 * XML signature with OpenSAML's profile validator and {@link SignatureValidator}. Only registered certificates count.
 */
final class RequestSignatures {

    /** What a message carried. */
    enum Kind { NONE, REDIRECT_QUERY, POST_ENVELOPED }

    /**
     * The outcome of one check.
     *
     * @param kind the kind of signature present
     * @param valid whether it verified with a registered certificate (false for NONE)
     * @param detail why not, for the IdP's error page
     */
    record Result(Kind kind, boolean valid, String detail) {
    }

    private static final Map<String, String> JCA = Map.of(
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "SHA256withRSA",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "SHA512withRSA",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "SHA256withECDSAinP1363Format");

    private RequestSignatures() {
    }

    /** Checks a Redirect-binding message; {@code rawQuery} exactly as the browser sent it. */
    static Result redirect(String rawQuery, String parameter, List<X509Certificate> certificates) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                raw.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        if (!raw.containsKey("Signature") && !raw.containsKey("SigAlg")) {
            return new Result(Kind.NONE, false, "the request is not signed");
        }
        String sigAlg = URLDecoder.decode(raw.getOrDefault("SigAlg", ""), StandardCharsets.UTF_8);
        String jca = JCA.get(sigAlg);
        if (jca == null || !raw.containsKey("Signature")) {
            return new Result(Kind.REDIRECT_QUERY, false, "unsupported SigAlg [" + sigAlg + "] or no Signature");
        }
        StringBuilder octets = new StringBuilder(parameter).append('=').append(raw.get(parameter));
        if (raw.containsKey("RelayState")) {
            octets.append("&RelayState=").append(raw.get("RelayState"));
        }
        octets.append("&SigAlg=").append(raw.get("SigAlg"));
        byte[] value = Base64.getMimeDecoder().decode(URLDecoder.decode(raw.get("Signature"), StandardCharsets.UTF_8));
        for (X509Certificate certificate : certificates) {
            if (verifies(jca, certificate.getPublicKey(), octets.toString(), value)) {
                return new Result(Kind.REDIRECT_QUERY, true, null);
            }
        }
        return new Result(Kind.REDIRECT_QUERY, false, "the query signature does not verify with any of the ["
                + certificates.size() + "] registered certificate(s)");
    }

    /** Checks a POST-binding message's enveloped signature. */
    static Result post(SignableSAMLObject message, List<X509Certificate> certificates) {
        if (message.getSignature() == null) {
            return new Result(Kind.NONE, false, "the request is not signed");
        }
        try {
            new SAMLSignatureProfileValidator().validate(message.getSignature());
        } catch (SignatureException e) {
            return new Result(Kind.POST_ENVELOPED, false, "the signature breaks the SAML profile: " + e.getMessage());
        }
        for (X509Certificate certificate : certificates) {
            try {
                SignatureValidator.validate(message.getSignature(), new BasicX509Credential(certificate));
                return new Result(Kind.POST_ENVELOPED, true, null);
            } catch (SignatureException notThisKey) {
                // try the next registered certificate
            }
        }
        return new Result(Kind.POST_ENVELOPED, false, "the XML signature does not verify with any of the ["
                + certificates.size() + "] registered certificate(s)");
    }

    private static boolean verifies(String jca, PublicKey key, String octets, byte[] value) {
        try {
            Signature signature = Signature.getInstance(jca);
            signature.initVerify(key);
            signature.update(octets.getBytes(StandardCharsets.UTF_8));
            return signature.verify(value);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
