package dev.gatehouse.testkit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * The HTTP-Redirect binding as an IdP sends it (saml-bindings-2.0-os 3.4.4.1): DEFLATE + base64 + URL-encoding, and
 * the detached signature over {@code SAMLRequest=..&RelayState=..&SigAlg=..} exactly as it appears in the URL.
 */
public final class RedirectSigning {

    /** RSA-SHA256. */
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    /** RSA-SHA1. */
    public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

    private RedirectSigning() {
    }

    /**
     * The URL carrying a message.
     *
     * @param parameter SAMLRequest or SAMLResponse
     * @param key the signing key, or null for an unsigned message
     * @param sigAlg the SigAlg URI (RSA_SHA256 or RSA_SHA1)
     */
    public static URI url(URI endpoint, String parameter, String xml, String relayState, TestCredential key,
            String sigAlg) {
        StringBuilder query = new StringBuilder(parameter).append('=').append(encode(Base64.getEncoder()
                .encodeToString(deflate(xml))));
        if (relayState != null) {
            query.append("&RelayState=").append(encode(relayState));
        }
        if (key != null) {
            query.append("&SigAlg=").append(encode(sigAlg));
            try {
                Signature signature = Signature.getInstance(sigAlg.equals(RSA_SHA1) ? "SHA1withRSA" : "SHA256withRSA");
                signature.initSign(key.privateKey());
                signature.update(query.toString().getBytes(StandardCharsets.UTF_8));
                query.append("&Signature=").append(encode(Base64.getEncoder().encodeToString(signature.sign())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + query);
    }

    /** Raw DEFLATE (no zlib header), as the Redirect binding uses. */
    public static byte[] deflate(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFLATED, true);
        deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
