package dev.gatehouse.web;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.binding.RedirectBinding;
import dev.gatehouse.crypto.OutboundSigner;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.internal.XmlObjects;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opensaml.saml.common.SignableSAMLObject;

/**
 * Sends one SAML message to the IdP through the browser, signed by the given {@link OutboundSigner} as its binding
 * requires: HTTP-Redirect (a 302 with the deflated unsigned message in the query, plus SigAlg and Signature over
 * the query) or HTTP-POST (an auto-submitted form carrying the message with an enveloped signature).
 */
final class MessageSender {

    private final RandomIds ids;

    MessageSender(RandomIds ids) {
        this.ids = ids;
    }

    /**
     * @param parameter {@code SAMLRequest} or {@code SAMLResponse}
     * @param relayState the RelayState, or null
     */
    void send(HttpServletResponse response, Binding binding, URI destination, String parameter,
            SignableSAMLObject message, String relayState, OutboundSigner signer) throws IOException {
        if (binding == Binding.HTTP_REDIRECT) {
            URI url = RedirectBinding.encode(destination, parameter, XmlObjects.toXml(message), relayState,
                    signer.sigAlg(), signer::signQuery);
            PageWriter.redirect(response, HttpServletResponse.SC_FOUND, url.toString());
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(parameter, PostBinding.encode(signer.marshal(message)));
        fields.put("RelayState", relayState);
        String nonce = ids.token();
        PageWriter.html(response, HttpServletResponse.SC_OK, PostBinding.autoSubmitPage(destination, fields, nonce),
                nonce);
    }
}
