package dev.gatehouse.web;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.binding.RedirectBinding;
import dev.gatehouse.crypto.OutboundSigner;
import dev.gatehouse.internal.RandomIds;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one SAML message to the IdP through the browser: HTTP-Redirect (a 302 with the deflated message in the
 * query, and SigAlg/Signature when the {@link OutboundSigner} signs) or HTTP-POST (an auto-submitted form). POST
 * messages are not signed yet: the enveloped signature needs the message's DOM, which the factories will hand over
 * when SP keys arrive (issue 5).
 */
final class MessageSender {

    private final OutboundSigner signer;
    private final RandomIds ids;

    MessageSender(OutboundSigner signer, RandomIds ids) {
        this.signer = signer;
        this.ids = ids;
    }

    /**
     * @param parameter {@code SAMLRequest} or {@code SAMLResponse}
     * @param relayState the RelayState, or null
     */
    void send(HttpServletResponse response, Binding binding, URI destination, String parameter, String xml,
            String relayState) throws IOException {
        if (binding == Binding.HTTP_REDIRECT) {
            URI url = RedirectBinding.encode(destination, parameter, xml, relayState, signer.sigAlg(),
                    signer::signQuery);
            PageWriter.redirect(response, HttpServletResponse.SC_FOUND, url.toString());
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(parameter, PostBinding.encode(xml));
        fields.put("RelayState", relayState);
        String nonce = ids.token();
        PageWriter.html(response, HttpServletResponse.SC_OK, PostBinding.autoSubmitPage(destination, fields, nonce),
                nonce);
    }
}
