package dev.gatehouse.sso;

import dev.gatehouse.internal.XmlObjects;
import dev.gatehouse.metadata.Endpoint;
import org.opensaml.saml.saml2.core.AuthnRequest;

/**
 * An AuthnRequest ready to send.
 *
 * @param id its ID (the InResponseTo the answer must carry)
 * @param request the request, unsigned (the sender signs it for its binding)
 * @param destination where and how to send it
 */
public record AuthnRequestMessage(String id, AuthnRequest request, Endpoint destination) {

    /** The unsigned request as XML. */
    public String xml() {
        return XmlObjects.toXml(request);
    }
}
