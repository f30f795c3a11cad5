package dev.gatehouse.crypto;

import org.opensaml.saml.common.SignableSAMLObject;

/**
 * Signs the messages the SP sends (AuthnRequest, LogoutRequest, LogoutResponse) for their binding: a detached
 * signature over the query for HTTP-Redirect ({@link #signQuery}), an enveloped XML signature for HTTP-POST
 * ({@link #marshal}). {@link #UNSIGNED} sends everything unsigned; {@link KeySigner} signs with the SP's active key.
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
        public String marshal(SignableSAMLObject message) {
            return dev.gatehouse.internal.XmlObjects.toXml(message);
        }
    };

    /** The SigAlg URI for Redirect-binding signatures, or null when messages go unsigned. */
    String sigAlg();

    /** The signature over {@code SAMLRequest=..&RelayState=..&SigAlg=..} (saml-bindings-2.0-os 3.4.4.1). */
    byte[] signQuery(byte[] octets);

    /** The message as XML for the HTTP-POST binding, with an enveloped signature when this signer signs. */
    String marshal(SignableSAMLObject message);
}
