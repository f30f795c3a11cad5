package dev.gatehouse.testkit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.AssertionConsumerService;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.saml.saml2.metadata.SingleLogoutService;
import org.opensaml.security.credential.UsageType;

/**
 * What the test IdP knows about one SP, as a real IdP learns it from SP metadata: where responses go, which
 * certificates sign the SP's requests (several during a rollover), whether unsigned requests are refused, and how
 * responses are encrypted. Immutable; the {@code with...} methods return changed copies.
 *
 * @param entityId the SP entity ID
 * @param acsUrl its AssertionConsumerService (HTTP-POST)
 * @param slsUrl its SingleLogoutService
 * @param signingCertificates the certificates its requests may be signed with
 * @param encryptionCertificates the certificates it accepts encryption to, first preferred
 * @param requireSignedRequests refuse unsigned AuthnRequests and logout messages (ADFS, Shibboleth, Keycloak)
 * @param encryption how responses to it are encrypted, or null for plaintext
 */
public record ServiceProviderRegistration(String entityId, String acsUrl, String slsUrl,
        List<X509Certificate> signingCertificates, List<X509Certificate> encryptionCertificates,
        boolean requireSignedRequests, Encryption encryption) {

    public ServiceProviderRegistration {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(acsUrl, "acsUrl");
        signingCertificates = List.copyOf(signingCertificates);
        encryptionCertificates = List.copyOf(encryptionCertificates);
    }

    /** An SP without keys; its SingleLogoutService follows Gatehouse's layout ({@code /acs/} becomes {@code /sls/}). */
    public static ServiceProviderRegistration of(String entityId, String acsUrl) {
        return new ServiceProviderRegistration(entityId, acsUrl, acsUrl.replace("/acs/", "/sls/"), List.of(),
                List.of(), false, null);
    }

    /**
     * Reads SP metadata: entity ID, the HTTP-POST ACS, the HTTP-Redirect SLS, every signing and encryption
     * certificate (a KeyDescriptor without {@code use} counts for both), and AuthnRequestsSigned as the wish for
     * signed requests. Encryption stays off until {@link #withEncryption}.
     */
    public static ServiceProviderRegistration fromMetadata(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            EntityDescriptor entity = (EntityDescriptor) OpenSaml.unmarshall(f.newDocumentBuilder().parse(
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement());
            SPSSODescriptor sp = entity.getSPSSODescriptor(SAMLConstants.SAML20P_NS);
            String acs = sp.getAssertionConsumerServices().stream()
                    .filter(a -> SAMLConstants.SAML2_POST_BINDING_URI.equals(a.getBinding()))
                    .map(AssertionConsumerService::getLocation).findFirst().orElseThrow();
            String sls = sp.getSingleLogoutServices().stream()
                    .filter(s -> SAMLConstants.SAML2_REDIRECT_BINDING_URI.equals(s.getBinding()))
                    .map(SingleLogoutService::getLocation).findFirst().orElse(null);
            List<X509Certificate> signing = new ArrayList<>();
            List<X509Certificate> encryption = new ArrayList<>();
            for (KeyDescriptor key : sp.getKeyDescriptors()) {
                X509Certificate certificate = certificate(key.getKeyInfo().getX509Datas().get(0)
                        .getX509Certificates().get(0).getValue());
                if (key.getUse() != UsageType.ENCRYPTION) {
                    signing.add(certificate);
                }
                if (key.getUse() != UsageType.SIGNING) {
                    encryption.add(certificate);
                }
            }
            return new ServiceProviderRegistration(entity.getEntityID(), acs, sls, signing, encryption,
                    Boolean.TRUE.equals(sp.isAuthnRequestsSigned()), null);
        } catch (Exception e) {
            throw new IllegalArgumentException("not SP metadata: " + e.getMessage(), e);
        }
    }

    /** This registration refusing (or not) unsigned requests. */
    public ServiceProviderRegistration withRequireSignedRequests(boolean require) {
        return new ServiceProviderRegistration(entityId, acsUrl, slsUrl, signingCertificates, encryptionCertificates,
                require, encryption);
    }

    /** This registration with responses encrypted as {@code settings} says (null: plaintext). */
    public ServiceProviderRegistration withEncryption(Encryption settings) {
        return new ServiceProviderRegistration(entityId, acsUrl, slsUrl, signingCertificates, encryptionCertificates,
                requireSignedRequests, settings);
    }

    /** The first encryption certificate, as an IdP picks it from metadata. */
    public X509Certificate encryptionCertificate() {
        if (encryptionCertificates.isEmpty()) {
            throw new IllegalStateException("the SP metadata of " + entityId + " has no encryption certificate");
        }
        return encryptionCertificates.get(0);
    }

    private static X509Certificate certificate(String base64) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
    }
}
