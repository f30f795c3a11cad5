package dev.gatehouse.slo;

import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.internal.XmlObjects;
import dev.gatehouse.metadata.Endpoint;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.SessionIndex;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;

/**
 * Creates the SP's logout messages (saml-core-2.0-os 3.7): a LogoutRequest for SP-initiated logout, with the NameID
 * and SessionIndex of the session being ended, and the LogoutResponse answering an IdP-initiated one. Both carry
 * Issuer = this SP's entity ID and Destination = the IdP's endpoint. Thread-safe.
 */
public final class LogoutMessageFactory {

    /** A message ready to send, unsigned (the sender signs it for its binding). */
    public record Message(String id, SignableSAMLObject message, Endpoint destination) {

        /** The unsigned message as XML. */
        public String xml() {
            return XmlObjects.toXml(message);
        }
    }

    private final RandomIds ids;

    public LogoutMessageFactory(RandomIds ids) {
        this.ids = ids;
    }

    /**
     * An SP-initiated LogoutRequest for one session, with the NameID exactly as the IdP issued it (value, Format,
     * NameQualifier, SPNameQualifier: ADFS and Shibboleth match on all of them) and its SessionIndex.
     */
    public Message logoutRequest(ActiveProvider provider, Endpoint slo, GatehousePrincipal user, Instant now) {
        LogoutRequest request = XmlObjects.build(LogoutRequest.DEFAULT_ELEMENT_NAME);
        String id = ids.samlId();
        request.setID(id);
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(now.truncatedTo(ChronoUnit.MILLIS));
        request.setNotOnOrAfter(now.truncatedTo(ChronoUnit.MILLIS).plusSeconds(300));
        request.setDestination(slo.location().toString());
        request.setIssuer(issuer(provider));
        NameID name = XmlObjects.build(NameID.DEFAULT_ELEMENT_NAME);
        name.setValue(user.nameId());
        name.setFormat(user.nameIdFormat());
        name.setNameQualifier(user.nameQualifier());
        name.setSPNameQualifier(user.spNameQualifier());
        request.setNameID(name);
        if (user.sessionIndex() != null) {
            SessionIndex index = XmlObjects.build(SessionIndex.DEFAULT_ELEMENT_NAME);
            index.setValue(user.sessionIndex());
            request.getSessionIndexes().add(index);
        }
        return new Message(id, request, slo);
    }

    /** The answer to an IdP-initiated LogoutRequest. */
    public Message logoutResponse(ActiveProvider provider, Endpoint slo, String inResponseTo, String statusCode,
            Instant now) {
        LogoutResponse response = XmlObjects.build(LogoutResponse.DEFAULT_ELEMENT_NAME);
        String id = ids.samlId();
        response.setID(id);
        response.setVersion(SAMLVersion.VERSION_20);
        response.setIssueInstant(now.truncatedTo(ChronoUnit.MILLIS));
        response.setInResponseTo(inResponseTo);
        response.setDestination(slo.responseTarget().toString());
        response.setIssuer(issuer(provider));
        Status status = XmlObjects.build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode code = XmlObjects.build(StatusCode.DEFAULT_ELEMENT_NAME);
        if (StatusCode.SUCCESS.equals(statusCode)) {
            code.setValue(StatusCode.SUCCESS);
        } else {
            // PartialLogout is a second-level code under Success (saml-core-2.0-os 3.7.3.2)
            code.setValue(StatusCode.SUCCESS);
            StatusCode partial = XmlObjects.build(StatusCode.DEFAULT_ELEMENT_NAME);
            partial.setValue(statusCode);
            code.setStatusCode(partial);
        }
        status.setStatusCode(code);
        response.setStatus(status);
        return new Message(id, response, slo);
    }

    private static Issuer issuer(ActiveProvider provider) {
        Issuer issuer = XmlObjects.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(provider.serviceProvider().entityId());
        return issuer;
    }
}
