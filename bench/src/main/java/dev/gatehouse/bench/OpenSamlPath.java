package dev.gatehouse.bench;

import dev.gatehouse.internal.OpenSamlBootstrap;
import dev.gatehouse.testkit.TestCredential;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import net.shibboleth.utilities.java.support.xml.BasicParserPool;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.saml.saml2.encryption.EncryptedElementTypeEncryptedKeyResolver;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.ChainingEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Document;

/**
 * OpenSAML 4.0.1 used directly, with the checks a typical hand-written ACS makes (fewer than Gatehouse's): a secure
 * parser pool, unmarshalling, the SAML signature profile and signature check of every signature the response carries
 * against the configured certificate (the Response's when it is signed, then the assertion's, as Spring Security's
 * {@code OpenSaml4AuthenticationProvider} and pac4j do), status, issuer, audience and the Conditions window; an
 * encrypted assertion is decrypted with OpenSAML's {@link Decrypter} and the SP's key first.
 */
public final class OpenSamlPath implements ValidationPath {

    private final BasicParserPool parsers = new BasicParserPool();
    private final BasicX509Credential idp = new BasicX509Credential(TestCredential.idpSigning().certificate());
    private final SAMLSignatureProfileValidator profile = new SAMLSignatureProfileValidator();
    private final Decrypter decrypter = new Decrypter(null,
            new StaticKeyInfoCredentialResolver(new BasicX509Credential(TestCredential.spCurrent().certificate(),
                    TestCredential.spCurrent().privateKey())),
            new ChainingEncryptedKeyResolver(List.of(new InlineEncryptedKeyResolver(),
                    new EncryptedElementTypeEncryptedKeyResolver())));

    public OpenSamlPath() {
        OpenSamlBootstrap.ensureInitialized();
        decrypter.setRootInNewDocument(true);
        try {
            parsers.initialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String validate(String base64) throws Exception {
        Document document = parsers.parse(new ByteArrayInputStream(Samples.decode(base64)));
        Response response = (Response) XMLObjectProviderRegistrySupport.getUnmarshallerFactory()
                .getUnmarshaller(document.getDocumentElement()).unmarshall(document.getDocumentElement());
        if (!StatusCode.SUCCESS.equals(response.getStatus().getStatusCode().getValue())
                || response.getAssertions().size() + response.getEncryptedAssertions().size() != 1) {
            throw new IllegalArgumentException("not a successful response with one assertion");
        }
        if (response.isSigned()) {
            profile.validate(response.getSignature());
            SignatureValidator.validate(response.getSignature(), idp);
        }
        Assertion assertion;
        if (response.getEncryptedAssertions().isEmpty()) {
            assertion = response.getAssertions().get(0);
        } else {
            EncryptedAssertion encrypted = response.getEncryptedAssertions().get(0);
            assertion = decrypter.decrypt(encrypted);
        }
        if (assertion.getSignature() == null) {
            throw new IllegalArgumentException("unsigned assertion");
        }
        profile.validate(assertion.getSignature());
        SignatureValidator.validate(assertion.getSignature(), idp);
        if (!Samples.IDP_ENTITY_ID.equals(assertion.getIssuer().getValue())) {
            throw new IllegalArgumentException("issuer");
        }
        Instant now = Instant.now();
        if (now.isAfter(assertion.getConditions().getNotOnOrAfter())
                || now.isBefore(assertion.getConditions().getNotBefore())) {
            throw new IllegalArgumentException("expired");
        }
        boolean audience = false;
        for (AudienceRestriction restriction : assertion.getConditions().getAudienceRestrictions()) {
            for (Audience a : restriction.getAudiences()) {
                audience |= Samples.SP_ENTITY_ID.equals(a.getURI());
            }
        }
        if (!audience) {
            throw new IllegalArgumentException("audience");
        }
        return assertion.getSubject().getNameID().getValue();
    }
}
