package dev.gatehouse.web;

import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.KeySigner;
import dev.gatehouse.crypto.OutboundSigner;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;

/**
 * Which signer a provider's outgoing messages get.
 * <ul>
 *   <li>AuthnRequests: {@code signAuthnRequests: true} signs them (the configuration refuses it without an active
 *       signing key), {@code false} never does, and unset follows the IdP metadata's
 *       {@code WantAuthnRequestsSigned="true"} when there is an active signing key. Signing requests an IdP does not
 *       ask for is not the default because some IdPs (ADFS without a request-signing certificate on the relying
 *       party trust) refuse a signature they cannot check.</li>
 *   <li>LogoutRequests and LogoutResponses: signed whenever there is an active signing key (IdPs commonly require
 *       signed logout messages).</li>
 * </ul>
 */
final class Signers {

    private Signers() {
    }

    static OutboundSigner forAuthnRequest(ActiveProvider provider) {
        Boolean configured = provider.config().keyOptions().signAuthnRequests();
        boolean sign = configured != null ? configured : provider.idp().wantAuthnRequestsSigned();
        return sign ? forLogout(provider) : OutboundSigner.UNSIGNED;
    }

    static OutboundSigner forLogout(ActiveProvider provider) {
        return provider.config().keys().activeSigningKey().<OutboundSigner>map(KeySigner::new)
                .orElse(OutboundSigner.UNSIGNED);
    }

    /**
     * Whether the SP metadata announces AuthnRequestsSigned="true": only with {@code signAuthnRequests: true}, because
     * IdPs such as the Shibboleth IdP and Keycloak then refuse unsigned requests; the metadata is served even while the
     * IdP's own metadata is unknown.
     */
    static boolean announcesSignedAuthnRequests(ProviderConfig provider) {
        return Boolean.TRUE.equals(provider.keyOptions().signAuthnRequests());
    }
}
