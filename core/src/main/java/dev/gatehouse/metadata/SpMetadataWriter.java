package dev.gatehouse.metadata;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.ServiceProviderConfig;
import dev.gatehouse.crypto.Certificates;
import dev.gatehouse.crypto.EncryptionAlgorithms;
import dev.gatehouse.crypto.KeySigner;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.internal.XmlObjects;
import java.util.List;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.AssertionConsumerService;
import org.opensaml.saml.saml2.metadata.EncryptionMethod;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.NameIDFormat;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;
import org.opensaml.security.credential.UsageType;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.X509Data;

/**
 * Writes this application's SAML metadata for one provider (saml-metadata-2.0-os 2.4.4): the entity ID, a
 * KeyDescriptor for every SP key ({@code use="signing"} / {@code use="encryption"}, old and new during a rollover,
 * encryption keys with the EncryptionMethods Gatehouse accepts), the SingleLogoutService (HTTP-Redirect and
 * HTTP-POST), the NameID format when one is configured, the AssertionConsumerService with the HTTP-POST binding,
 * {@code AuthnRequestsSigned} and {@code WantAssertionsSigned}; signed with the active key when {@code signMetadata}
 * is set. Without keys there is no KeyDescriptor: single sign-on needs no SP key. Thread-safe.
 */
public final class SpMetadataWriter {

    /** The media type of SAML metadata (RFC 7580 registers it; saml-metadata-2.0-os 4.1). */
    public static final String MEDIA_TYPE = "application/samlmetadata+xml";

    /** The algorithms advertised for encryption keys, preferred first. */
    static final List<String> ENCRYPTION_METHODS = List.of(EncryptionAlgorithms.AES256_GCM,
            EncryptionAlgorithms.AES128_GCM, EncryptionAlgorithms.RSA_OAEP_11, EncryptionAlgorithms.RSA_OAEP_MGF1P);

    /**
     * The metadata XML document.
     *
     * @param signsAuthnRequests the AuthnRequestsSigned value (whether this SP signs its AuthnRequests)
     */
    public String write(ServiceProviderConfig sp, ProviderConfig provider, boolean signsAuthnRequests) {
        EntityDescriptor entity = XmlObjects.build(EntityDescriptor.DEFAULT_ELEMENT_NAME);
        entity.setEntityID(sp.entityId());
        SPSSODescriptor descriptor = XmlObjects.build(SPSSODescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.addSupportedProtocol(SAMLConstants.SAML20P_NS);
        descriptor.setAuthnRequestsSigned(signsAuthnRequests);
        for (SpKey key : provider.keys().keys()) {
            if (key.signing()) {
                descriptor.getKeyDescriptors().add(keyDescriptor(key, UsageType.SIGNING));
            }
            if (key.encryption()) {
                KeyDescriptor encryption = keyDescriptor(key, UsageType.ENCRYPTION);
                for (String algorithm : ENCRYPTION_METHODS) {
                    EncryptionMethod method = XmlObjects.build(EncryptionMethod.DEFAULT_ELEMENT_NAME);
                    method.setAlgorithm(algorithm);
                    encryption.getEncryptionMethods().add(method);
                }
                descriptor.getKeyDescriptors().add(encryption);
            }
        }
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
        if (provider.keyOptions().signMetadata()) {
            SpKey key = provider.keys().activeSigningKey().orElseThrow();
            // a stable ID for the signature's Reference, derived from the entity ID
            entity.setID("_" + java.util.UUID.nameUUIDFromBytes(sp.entityId().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", ""));
            return XmlObjects.toXml(new KeySigner(key).signEnveloped(entity));
        }
        return XmlObjects.toXml(entity);
    }

    private static KeyDescriptor keyDescriptor(SpKey key, UsageType use) {
        KeyDescriptor descriptor = XmlObjects.build(KeyDescriptor.DEFAULT_ELEMENT_NAME);
        descriptor.setUse(use);
        KeyInfo keyInfo = XmlObjects.build(KeyInfo.DEFAULT_ELEMENT_NAME);
        X509Data data = XmlObjects.build(X509Data.DEFAULT_ELEMENT_NAME);
        org.opensaml.xmlsec.signature.X509Certificate certificate = XmlObjects.build(
                org.opensaml.xmlsec.signature.X509Certificate.DEFAULT_ELEMENT_NAME);
        certificate.setValue(Certificates.toBase64(key.certificate()));
        data.getX509Certificates().add(certificate);
        keyInfo.getX509Datas().add(data);
        descriptor.setKeyInfo(keyInfo);
        return descriptor;
    }
}
