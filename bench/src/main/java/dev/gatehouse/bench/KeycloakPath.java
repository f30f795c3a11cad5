package dev.gatehouse.bench;

import dev.gatehouse.testkit.TestCredential;
import java.net.URI;
import javax.xml.namespace.QName;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AudienceRestrictionType;
import org.keycloak.dom.saml.v2.assertion.ConditionAbstractType;
import org.keycloak.dom.saml.v2.assertion.NameIDType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.rotation.HardcodedKeyLocator;
import org.keycloak.rotation.KeyLocator;
import org.keycloak.saml.SAMLRequestParser;
import org.keycloak.saml.processing.api.saml.v2.sig.SAML2Signature;
import org.keycloak.saml.common.util.DocumentUtil;
import org.keycloak.saml.processing.core.saml.v2.common.SAMLDocumentHolder;
import org.keycloak.saml.processing.core.saml.v2.util.AssertionUtil;
import org.w3c.dom.Element;

/**
 * Keycloak's {@code keycloak-saml-core} 25.0.6 as its SAML adapter handles a POST-binding response: parse the
 * document (secure parser, SAML object model), check the status, verify every signature the response carries once
 * against the configured IdP key, then the issuer, the Conditions window and the audience, and read the NameID. A
 * signed Response goes through {@link SAML2Signature#validate}, as the adapter's {@code validateResponseSignature}
 * does: it verifies every signature in the document (the assertion's too); a signed root suffices, otherwise every
 * assertion must be signed. An unsigned Response gets the assertion's signature verified as the adapter's
 * {@code validateAssertionSignature} does. So this path models the adapter with the setting that fits each message;
 * an adapter with {@code validateResponseSignature} on would also run {@code SAML2Signature.validate} on the
 * assertion-only variants. An encrypted assertion is decrypted with the SP key either way.
 */
public final class KeycloakPath implements ValidationPath {

    private static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    private final KeyLocator idpKey = new HardcodedKeyLocator(TestCredential.idpSigning().certificate().getPublicKey());

    @Override
    public String validate(String base64) throws Exception {
        SAMLDocumentHolder holder = SAMLRequestParser.parseResponsePostBinding(base64);
        if (holder == null || !(holder.getSamlObject() instanceof ResponseType response)) {
            throw new IllegalArgumentException("not a SAML response");
        }
        if (!"urn:oasis:names:tc:SAML:2.0:status:Success".equals(
                response.getStatus().getStatusCode().getValue().toString())) {
            throw new IllegalArgumentException("status");
        }
        boolean responseSigned = response.getSignature() != null;
        if (responseSigned && !new SAML2Signature().validate(holder.getSamlDocument(), idpKey)) {
            throw new IllegalArgumentException("invalid response signature");
        }
        Element assertionElement;
        if (AssertionUtil.isAssertionEncrypted(response)) {
            assertionElement = AssertionUtil.decryptAssertion(response, TestCredential.spCurrent().privateKey());
        } else {
            assertionElement = DocumentUtil.getElement(holder.getSamlDocument(), new QName(ASSERTION_NS, "Assertion"));
        }
        if (!responseSigned && !AssertionUtil.isSignatureValid(assertionElement, idpKey)) {
            throw new IllegalArgumentException("invalid assertion signature");
        }
        AssertionType assertion = response.getAssertions().get(0).getAssertion();
        if (!Samples.IDP_ENTITY_ID.equals(assertion.getIssuer().getValue()) || AssertionUtil.hasExpired(assertion)) {
            throw new IllegalArgumentException("issuer or time");
        }
        boolean audience = false;
        for (ConditionAbstractType condition : assertion.getConditions().getConditions()) {
            if (condition instanceof AudienceRestrictionType restriction) {
                for (URI uri : restriction.getAudience()) {
                    audience |= Samples.SP_ENTITY_ID.equals(uri.toString());
                }
            }
        }
        if (!audience) {
            throw new IllegalArgumentException("audience");
        }
        return ((NameIDType) assertion.getSubject().getSubType().getBaseID()).getValue();
    }
}
