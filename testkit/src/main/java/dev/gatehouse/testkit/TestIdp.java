package dev.gatehouse.testkit;

import java.net.URI;
import java.util.List;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.X509Certificate;
import org.opensaml.xmlsec.signature.X509Data;

/**
 * A test identity provider with a real signing key: produces signed responses ({@link #response()}) and its own
 * metadata. For tests and the development demo only. Immutable.
 *
 * @param entityId the IdP entity ID
 * @param ssoUrl its SingleSignOnService location (both bindings)
 * @param credential its signing key
 */
public record TestIdp(String entityId, URI ssoUrl, TestCredential credential) {

    /** An IdP with the standard test key. */
    public static TestIdp create(String entityId, URI ssoUrl) {
        return new TestIdp(entityId, ssoUrl, TestCredential.idpSigning());
    }

    /** The SingleLogoutService location (both bindings): the SSO URL with {@code /sso} replaced by {@code /slo}. */
    public URI sloUrl() {
        return URI.create(ssoUrl.toString().replaceFirst("/sso$", "/slo"));
    }

    /** A builder for an IdP-initiated LogoutRequest signed by this IdP. */
    public LogoutRequestBuilder logoutRequest() {
        return new LogoutRequestBuilder(entityId, credential);
    }

    /** A builder for a response signed by this IdP. */
    public ResponseBuilder response() {
        return new ResponseBuilder(entityId, credential);
    }

    /** This IdP's SAML metadata. */
    public String metadataXml() {
        return metadataXml(List.of(credential));
    }

    /** Metadata publishing several signing certificates (a rollover). */
    public String metadataXml(List<TestCredential> signingKeys) {
        return metadataXml(signingKeys, false);
    }

    /** Metadata with these signing certificates, saying whether this IdP wants signed AuthnRequests. */
    public String metadataXml(List<TestCredential> signingKeys, boolean wantAuthnRequestsSigned) {
        EntityDescriptor entity = OpenSaml.build(EntityDescriptor.DEFAULT_ELEMENT_NAME);
        entity.setEntityID(entityId);
        IDPSSODescriptor idp = OpenSaml.build(IDPSSODescriptor.DEFAULT_ELEMENT_NAME);
        idp.addSupportedProtocol(SAMLConstants.SAML20P_NS);
        if (wantAuthnRequestsSigned) {
            idp.setWantAuthnRequestsSigned(true);
        }
        for (TestCredential key : signingKeys) {
            KeyDescriptor descriptor = OpenSaml.build(KeyDescriptor.DEFAULT_ELEMENT_NAME);
            descriptor.setUse(UsageType.SIGNING);
            KeyInfo keyInfo = OpenSaml.build(KeyInfo.DEFAULT_ELEMENT_NAME);
            X509Data data = OpenSaml.build(X509Data.DEFAULT_ELEMENT_NAME);
            X509Certificate certificate = OpenSaml.build(X509Certificate.DEFAULT_ELEMENT_NAME);
            certificate.setValue(key.certificateBase64());
            data.getX509Certificates().add(certificate);
            keyInfo.getX509Datas().add(data);
            descriptor.setKeyInfo(keyInfo);
            idp.getKeyDescriptors().add(descriptor);
        }
        for (String binding : List.of(SAMLConstants.SAML2_REDIRECT_BINDING_URI, SAMLConstants.SAML2_POST_BINDING_URI)) {
            SingleSignOnService sso = OpenSaml.build(SingleSignOnService.DEFAULT_ELEMENT_NAME);
            sso.setBinding(binding);
            sso.setLocation(ssoUrl.toString());
            idp.getSingleSignOnServices().add(sso);
        }
        for (String binding : List.of(SAMLConstants.SAML2_REDIRECT_BINDING_URI, SAMLConstants.SAML2_POST_BINDING_URI)) {
            SingleLogoutService slo = OpenSaml.build(SingleLogoutService.DEFAULT_ELEMENT_NAME);
            slo.setBinding(binding);
            slo.setLocation(sloUrl().toString());
            idp.getSingleLogoutServices().add(slo);
        }
        entity.getRoleDescriptors().add(idp);
        return OpenSaml.toXml(OpenSaml.marshall(entity));
    }
}
