package dev.gatehouse.state;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * An AuthnRequest this SP sent and has not yet seen answered.
 *
 * @param id the AuthnRequest ID, which the Response must carry as InResponseTo
 * @param providerId the provider the request went to
 * @param returnTo the local path to return to after login, or null for the application root
 * @param browserBindingHash SHA-256 (hex) of the login-state cookie of the browser that started the login
 * @param expiresAt when the request stops being answerable
 */
public record PendingRequest(String id, String providerId, String returnTo, String browserBindingHash,
        Instant expiresAt) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PendingRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(browserBindingHash, "browserBindingHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
