package dev.gatehouse.metadata;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.crypto.TrustedKeys;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Gatehouse knows about an asserting party (IdP), however it was configured. Immutable.
 *
 * @param entityId the IdP's entityID: the only accepted Issuer
 * @param singleSignOnServices SSO endpoints in metadata order, limited to bindings Gatehouse speaks
 * @param singleLogoutServices SLO endpoints in metadata order (used from issue 4 on)
 * @param signingCertificates the only certificates whose keys may sign the IdP's messages
 * @param wantAuthnRequestsSigned the IdP's WantAuthnRequestsSigned flag
 * @param validUntil the metadata's validUntil, or null
 */
public record IdpMetadata(String entityId, List<Endpoint> singleSignOnServices, List<Endpoint> singleLogoutServices,
        List<X509Certificate> signingCertificates, boolean wantAuthnRequestsSigned, Instant validUntil) {

    public IdpMetadata {
        Objects.requireNonNull(entityId, "entityId");
        singleSignOnServices = List.copyOf(singleSignOnServices);
        singleLogoutServices = List.copyOf(singleLogoutServices);
        signingCertificates = List.copyOf(signingCertificates);
    }

    /** The keys trusted for this IdP's signatures. */
    public TrustedKeys trustedKeys() {
        return new TrustedKeys(entityId, signingCertificates);
    }

    /** The IdP's SingleLogoutService: HTTP-Redirect if offered, else HTTP-POST, else none. */
    public Optional<Endpoint> singleLogoutService() {
        return singleLogoutServices.stream().filter(e -> e.binding() == Binding.HTTP_REDIRECT).findFirst()
                .or(() -> singleLogoutServices.stream().filter(e -> e.binding() == Binding.HTTP_POST).findFirst());
    }

    /**
     * The SSO endpoint to send an AuthnRequest to: the one with the requested binding, or when none is requested
     * HTTP-Redirect if offered, else HTTP-POST.
     */
    public Optional<Endpoint> singleSignOnService(Binding requested) {
        if (requested != null) {
            return singleSignOnServices.stream().filter(e -> e.binding() == requested).findFirst();
        }
        return singleSignOnServices.stream().filter(e -> e.binding() == Binding.HTTP_REDIRECT).findFirst()
                .or(() -> singleSignOnServices.stream().filter(e -> e.binding() == Binding.HTTP_POST).findFirst());
    }
}
