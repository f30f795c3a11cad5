package dev.gatehouse.binding;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * Encodes a SAML message for the HTTP-Redirect binding (saml-bindings-2.0-os 3.4.4.1): raw DEFLATE, base64, then
 * URL-encoded into the query string of the endpoint, which may already carry a query of its own (Google's SSO URL
 * does). Stateless.
 */
public final class RedirectBinding {

    private RedirectBinding() {
    }

    /**
     * The URL to redirect the browser to.
     *
     * @param endpoint the IdP endpoint
     * @param parameter {@code SAMLRequest} or {@code SAMLResponse}
     * @param xml the message
     * @param relayState the RelayState, or null
     */
    public static URI encode(URI endpoint, String parameter, String xml, String relayState) {
        return encode(endpoint, parameter, xml, relayState, null, null);
    }

    /**
     * The URL to redirect the browser to, signed when {@code sigAlg} is given: {@code signer} receives the octets
     * {@code SAMLRequest=..&RelayState=..&SigAlg=..} and returns the signature bytes.
     */
    public static URI encode(URI endpoint, String parameter, String xml, String relayState, String sigAlg,
            java.util.function.UnaryOperator<byte[]> signer) {
        StringBuilder query = new StringBuilder(parameter).append('=')
                .append(urlEncode(Base64.getEncoder().encodeToString(deflate(xml))));
        if (relayState != null) {
            query.append("&RelayState=").append(urlEncode(relayState));
        }
        if (sigAlg != null) {
            query.append("&SigAlg=").append(urlEncode(sigAlg));
            byte[] signature = signer.apply(query.toString().getBytes(StandardCharsets.UTF_8));
            query.append("&Signature=").append(urlEncode(Base64.getEncoder().encodeToString(signature)));
        }
        return URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + query);
    }

    private static byte[] deflate(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFLATED, true);
        try {
            deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
