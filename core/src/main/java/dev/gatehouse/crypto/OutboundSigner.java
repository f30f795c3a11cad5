package dev.gatehouse.crypto;

import org.w3c.dom.Element;

/**
 * Signs the messages the SP sends (AuthnRequest, LogoutRequest, LogoutResponse): a detached signature for the
 * HTTP-Redirect binding, an enveloped one for HTTP-POST. Until SP keys exist (issue 5) Gatehouse sends unsigned
 * messages through {@link #UNSIGNED}. The Redirect sender already calls {@link #signQuery}; the POST sender will
 * call {@link #signEnveloped} once the factories hand over the message's DOM (issue 5).
 */
public interface OutboundSigner {

    /** Sends everything unsigned. */
    OutboundSigner UNSIGNED = new OutboundSigner() {
        @Override
        public String sigAlg() {
            return null;
        }

        @Override
        public byte[] signQuery(byte[] octets) {
            throw new IllegalStateException("unsigned");
        }

        @Override
        public void signEnveloped(Element root) {
            // unsigned: nothing to add
        }
    };

    /** The SigAlg URI for Redirect-binding signatures, or null when messages go unsigned. */
    String sigAlg();

    /** The signature over {@code SAMLRequest=..&RelayState=..&SigAlg=..} (saml-bindings-2.0-os 3.4.4.1). */
    byte[] signQuery(byte[] octets);

    /** Adds an enveloped signature to a message about to be sent by HTTP-POST. */
    void signEnveloped(Element root);
}
