package dev.gatehouse.binding;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A message received with the HTTP-Redirect binding (saml-bindings-2.0-os 3.4.4), decoded from the raw query string
 * as the browser sent it. {@link #signedOctets()} are rebuilt from the parameters exactly as received (still
 * URL-encoded), in the order the binding prescribes, because that is what the sender signed; the message is
 * inflated with a size cap so a small DEFLATE bomb cannot exhaust memory.
 *
 * @param parameter {@code SAMLRequest} or {@code SAMLResponse}
 * @param xml the inflated message
 * @param relayState the RelayState, or null
 * @param sigAlg the SigAlg URI, or null when unsigned
 * @param signature the decoded Signature bytes, or null when unsigned
 * @param signedOctets what the signature covers
 */
public record RedirectMessage(String parameter, byte[] xml, String relayState, String sigAlg, byte[] signature,
        byte[] signedOctets) {

    /**
     * Decodes a raw query string.
     *
     * @throws SamlRejection {@link ErrorCode#SAML_MESSAGE_MISSING}, {@link ErrorCode#SAML_MESSAGE_MALFORMED} or
     *     {@link ErrorCode#SAML_MESSAGE_TOO_LARGE}
     */
    public static RedirectMessage decode(String rawQuery, int maxBytes) {
        Map<String, String> raw = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (raw.putIfAbsent(name, value) != null && isBindingParameter(name)) {
                    throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The query carries the [" + name
                            + "] parameter twice");
                }
            }
        }
        String parameter = raw.containsKey("SAMLRequest") ? "SAMLRequest" : "SAMLResponse";
        if (raw.containsKey("SAMLRequest") && raw.containsKey("SAMLResponse")) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The query carries both SAMLRequest and "
                    + "SAMLResponse");
        }
        String message = raw.get(parameter);
        if (message == null || message.isEmpty()) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MISSING, "The request carries neither SAMLRequest nor "
                    + "SAMLResponse");
        }
        StringBuilder octets = new StringBuilder(parameter).append('=').append(message);
        if (raw.containsKey("RelayState")) {
            octets.append("&RelayState=").append(raw.get("RelayState"));
        }
        String sigAlg = raw.containsKey("SigAlg") ? decode(raw.get("SigAlg")) : null;
        if (sigAlg != null) {
            octets.append("&SigAlg=").append(raw.get("SigAlg"));
        }
        byte[] signature = null;
        if (raw.containsKey("Signature")) {
            try {
                signature = Base64.getMimeDecoder().decode(decode(raw.get("Signature")));
            } catch (IllegalArgumentException e) {
                throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The Signature parameter is not base64");
            }
        }
        byte[] deflated = PostBinding.decode(decode(message), maxBytes);
        return new RedirectMessage(parameter, inflate(deflated, maxBytes),
                raw.containsKey("RelayState") ? decode(raw.get("RelayState")) : null, sigAlg, signature,
                octets.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the message came with a detached signature. */
    public boolean signed() {
        return sigAlg != null || signature != null;
    }

    private static boolean isBindingParameter(String name) {
        return name.equals("SAMLRequest") || name.equals("SAMLResponse") || name.equals("RelayState")
                || name.equals("SigAlg") || name.equals("Signature");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "A query parameter is not URL-encoded: "
                    + e.getMessage());
        }
    }

    private static byte[] inflate(byte[] deflated, int maxBytes) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The message is not complete DEFLATE "
                            + "data");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "The inflated message exceeds "
                            + "maxMessageSize [" + maxBytes + "]");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The message is not DEFLATE data: "
                    + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
