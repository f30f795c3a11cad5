package dev.gatehouse.binding;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.Base64Text;
import dev.gatehouse.internal.Html;
import java.net.URI;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP-POST binding (saml-bindings-2.0-os 3.5): decodes a posted base64 message within a size limit, and renders
 * the self-submitting HTML form that carries a message to its destination. The form works without JavaScript (a
 * Continue button) and its script runs under a CSP nonce. Stateless.
 */
public final class PostBinding {

    private PostBinding() {
    }

    /**
     * Decodes the base64 of a posted message. White space inside the base64 (spaces, tabs, line breaks) is tolerated:
     * some IdPs wrap at 76 characters. Any other character outside the base64 alphabet is refused, where a MIME
     * decoder would silently skip it (a response mangled on its way, say by a second URL-encoding, then fails here
     * with the character named, not later as broken XML).
     *
     * @throws SamlRejection {@link ErrorCode#SAML_MESSAGE_TOO_LARGE} or {@link ErrorCode#SAML_MESSAGE_MALFORMED}
     */
    public static byte[] decode(String base64, int maxBytes) {
        if (base64.length() > maxBytes / 3 * 4 + maxBytes / 57 * 2 + 8) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "The message has [" + base64.length()
                    + "] base64 characters, more than maxMessageSize [" + maxBytes + "] bytes allow");
        }
        byte[] bytes;
        try {
            bytes = Base64Text.decode(base64);
        } catch (IllegalArgumentException e) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The message is not valid base64: "
                    + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "The message has [" + bytes.length
                    + "] bytes, more than maxMessageSize [" + maxBytes + "]");
        }
        if (bytes.length == 0) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The message is empty");
        }
        return bytes;
    }

    /** Base64 of a message, for a form field. */
    public static String encode(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A complete HTML page whose form posts {@code fields} to {@code action} as soon as it loads.
     *
     * @param nonce the CSP nonce the response's Content-Security-Policy allows for the one inline script
     */
    public static String autoSubmitPage(URI action, Map<String, String> fields, String nonce) {
        StringBuilder html = new StringBuilder(512);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\"><title>Signing in</title></head>\n<body>\n")
                .append("<form method=\"post\" action=\"").append(Html.escape(action.toString()))
                .append("\" data-auto-submit=\"true\">\n");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue() != null) {
                html.append("<input type=\"hidden\" name=\"").append(Html.escape(field.getKey()))
                        .append("\" value=\"").append(Html.escape(field.getValue())).append("\">\n");
            }
        }
        html.append("<noscript><p>JavaScript is disabled, so press Continue to finish signing in.</p>")
                .append("<button type=\"submit\">Continue</button></noscript>\n</form>\n")
                .append("<script nonce=\"").append(Html.escape(nonce))
                .append("\">document.forms[0].submit();</script>\n</body></html>\n");
        return html.toString();
    }
}
