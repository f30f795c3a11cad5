package dev.gatehouse.slo;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.crypto.AlgorithmPolicy;
import dev.gatehouse.crypto.QuerySignatureVerifier;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.internal.XmlObjects;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.sso.MessageHygiene;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.StatusResponseType;
import org.opensaml.saml.saml2.core.RequestAbstractType;
import org.w3c.dom.Element;

/**
 * What every logout message goes through, request or response: secure parsing, {@link MessageHygiene}, the
 * expected root element, no assertions, a signature (enveloped for HTTP-POST, detached for HTTP-Redirect) verified
 * against the IdP's configured keys when present, the Issuer, and the Destination.
 */
final class LogoutMessageChecks {

    private final SecureXml xml;
    private final MessageLimits limits;
    private final SignatureVerifier xmlSignatures = new SignatureVerifier();
    private final QuerySignatureVerifier querySignatures = new QuerySignatureVerifier();

    LogoutMessageChecks(SecureXml xml, MessageLimits limits) {
        this.xml = xml;
        this.limits = limits;
    }

    /** A parsed message and whether its signature was verified. */
    record Checked<T extends XMLObject>(T message, Element root, boolean signed) {
    }

    <T extends XMLObject> Checked<T> check(LogoutInput input, String rootName, Class<T> type) {
        Element root = xml.parse(input.xml()).getDocumentElement();
        if (!SAMLConstants.SAML20P_NS.equals(root.getNamespaceURI()) || !rootName.equals(root.getLocalName())) {
            throw SamlRejection.of(ErrorCode.UNEXPECTED_MESSAGE_TYPE, "The message root is [{" + root.getNamespaceURI()
                    + "}" + root.getLocalName() + "], expected a SAML 2.0 " + rootName);
        }
        MessageHygiene.requireVersion(root);
        MessageHygiene.Scan scan = MessageHygiene.scan(root, limits);
        if (!scan.assertions().isEmpty() || !scan.encryptedAssertions().isEmpty()) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "A " + rootName + " must not carry assertions");
        }
        Element signature = scan.onlyRootSignature(root);
        ActiveProvider provider = input.provider();
        AlgorithmPolicy policy = provider.config().algorithmPolicy();
        boolean signed = false;
        if (signature != null) {
            xmlSignatures.verify(root, signature, provider.idp().trustedKeys(), policy);
            signed = true;
        }
        if (input.redirect() != null && input.redirect().signed()) {
            querySignatures.verify(input.redirect(), provider.idp().trustedKeys(), policy);
            signed = true;
        }
        T message;
        try {
            message = type.cast(XmlObjects.unmarshall(root));
        } catch (UnmarshallingException | RuntimeException e) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + rootName + " does not fit the SAML "
                    + "schema: " + e.getMessage());
        }
        Issuer issuer = message instanceof RequestAbstractType r ? r.getIssuer()
                : ((StatusResponseType) message).getIssuer();
        String expected = provider.idp().entityId();
        if (issuer == null || !expected.equals(issuer.getValue())) {
            throw SamlRejection.of(ErrorCode.ISSUER_MISMATCH, rootName + " Issuer mismatch: expected [" + expected
                    + "], received [" + (issuer == null ? null : issuer.getValue()) + "]");
        }
        String destination = root.hasAttributeNS(null, "Destination") ? root.getAttributeNS(null, "Destination")
                : null;
        String sls = provider.serviceProvider().singleLogoutServiceUrl().toString();
        if (destination == null ? signed : !destination.equals(sls)) {
            throw SamlRejection.of(ErrorCode.DESTINATION_MISMATCH, rootName + " Destination mismatch: expected ["
                    + sls + "], received [" + destination + "]", "set the SP's single logout URL at the IdP to ["
                    + sls + "]");
        }
        return new Checked<>(message, root, signed);
    }
}
