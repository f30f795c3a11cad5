package dev.gatehouse.sso;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.AuthnRequestOptions;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.internal.XmlObjects;
import dev.gatehouse.metadata.Endpoint;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnContextComparisonTypeEnumeration;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameIDPolicy;
import org.opensaml.saml.saml2.core.RequestedAuthnContext;

/**
 * Creates SP-initiated AuthnRequests (saml-core-2.0-os 3.4.1, saml-profiles-2.0-os 4.1.4.1): a fresh unpredictable
 * ID, Issuer = this SP's entity ID, Destination = the IdP's SSO endpoint, AssertionConsumerServiceURL and
 * ProtocolBinding = HTTP-POST, plus the configured NameIDPolicy, ForceAuthn, IsPassive and RequestedAuthnContext.
 * Thread-safe.
 */
public final class AuthnRequestFactory {

    private final RandomIds ids;

    public AuthnRequestFactory(RandomIds ids) {
        this.ids = ids;
    }

    /**
     * Builds the request for a provider.
     *
     * @throws SamlRejection {@link ErrorCode#PROVIDER_UNAVAILABLE} if the IdP has no endpoint for the configured
     *     binding
     */
    public AuthnRequestMessage create(ActiveProvider provider, Instant now) {
        AuthnRequestOptions options = provider.config().authnRequest();
        Endpoint sso = provider.idp().singleSignOnService(options.binding()).orElseThrow(() -> SamlRejection.of(
                ErrorCode.PROVIDER_UNAVAILABLE, "IdP [" + provider.idp().entityId() + "] has no SingleSignOnService "
                        + "for binding [" + options.binding() + "]", "remove authnRequest.binding or pick one the IdP "
                        + "offers: " + provider.idp().singleSignOnServices()));

        AuthnRequest request = XmlObjects.build(AuthnRequest.DEFAULT_ELEMENT_NAME);
        String id = ids.samlId();
        request.setID(id);
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(now.truncatedTo(ChronoUnit.MILLIS));
        request.setDestination(sso.location().toString());
        request.setAssertionConsumerServiceURL(provider.serviceProvider().assertionConsumerServiceUrl().toString());
        request.setProtocolBinding(Binding.HTTP_POST.uri());
        if (options.forceAuthn()) {
            request.setForceAuthn(true);
        }
        if (options.passive()) {
            request.setIsPassive(true);
        }
        Issuer issuer = XmlObjects.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(provider.serviceProvider().entityId());
        request.setIssuer(issuer);

        NameIDPolicy policy = XmlObjects.build(NameIDPolicy.DEFAULT_ELEMENT_NAME);
        policy.setAllowCreate(options.allowCreate());
        if (options.nameIdFormat() != null) {
            policy.setFormat(options.nameIdFormat());
        }
        request.setNameIDPolicy(policy);

        if (!options.authnContextClassRefs().isEmpty()) {
            RequestedAuthnContext context = XmlObjects.build(RequestedAuthnContext.DEFAULT_ELEMENT_NAME);
            context.setComparison(switch (options.authnContextComparison()) {
                case "minimum" -> AuthnContextComparisonTypeEnumeration.MINIMUM;
                case "maximum" -> AuthnContextComparisonTypeEnumeration.MAXIMUM;
                case "better" -> AuthnContextComparisonTypeEnumeration.BETTER;
                default -> AuthnContextComparisonTypeEnumeration.EXACT;
            });
            for (String ref : options.authnContextClassRefs()) {
                AuthnContextClassRef classRef = XmlObjects.build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME);
                classRef.setURI(ref);
                context.getAuthnContextClassRefs().add(classRef);
            }
            request.setRequestedAuthnContext(context);
        }
        return new AuthnRequestMessage(id, request, sso);
    }
}
