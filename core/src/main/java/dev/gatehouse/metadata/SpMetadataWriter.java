package dev.gatehouse.metadata;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.ServiceProviderConfig;
import dev.gatehouse.internal.XmlObjects;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.AssertionConsumerService;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;

/**
 * Writes this application's SAML metadata for one provider (saml-metadata-2.0-os 2.4.4): the entity ID, the
 * SingleLogoutService (HTTP-Redirect and HTTP-POST), the NameID format when one is configured, the
 * AssertionConsumerService with the HTTP-POST binding, and {@code WantAssertionsSigned}. No KeyDescriptor: single
 * sign-on needs no SP key. Thread-safe.
 */
public final class SpMetadataWriter {

    /** The media type of SAML metadata (RFC 7580 registers it; saml-metadata-2.0-os 4.1). */
    public static final String MEDIA_TYPE = "application/samlmetadata+xml";

    /** The metadata XML document. */
    public String write(ServiceProviderConfig sp, ProviderConfig provider) {
        EntityDescriptor entity = XmlObjects.build(EntityDescriptor.DEFAULT_ELEMENT_NAME);
        entity.setEntityID(sp.entityId());
        SPSSODescriptor descriptor = XmlObjects.build(SPSSODescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.addSupportedProtocol(SAMLConstants.SAML20P_NS);
        descriptor.setAuthnRequestsSigned(false);
        descriptor.setWantAssertionsSigned(provider.validation().wantAssertionsSigned());
        for (Binding binding : Binding.values()) {
            SingleLogoutService slo = XmlObjects.build(SingleLogoutService.DEFAULT_ELEMENT_NAME);
            slo.setBinding(binding.uri());
            slo.setLocation(sp.singleLogoutServiceUrl().toString());
            descriptor.getSingleLogoutServices().add(slo);
        }
        if (provider.authnRequest().nameIdFormat() != null) {
            NameIDFormat format = XmlObjects.build(NameIDFormat.DEFAULT_ELEMENT_NAME);
            format.setURI(provider.authnRequest().nameIdFormat());
            descriptor.getNameIDFormats().add(format);
        }
        AssertionConsumerService acs = XmlObjects.build(AssertionConsumerService.DEFAULT_ELEMENT_NAME);
        acs.setBinding(Binding.HTTP_POST.uri());
        acs.setLocation(sp.assertionConsumerServiceUrl().toString());
        acs.setIndex(0);
        acs.setIsDefault(true);
        descriptor.getAssertionConsumerServices().add(acs);
        entity.getRoleDescriptors().add(descriptor);
        return XmlObjects.toXml(entity);
    }
}
