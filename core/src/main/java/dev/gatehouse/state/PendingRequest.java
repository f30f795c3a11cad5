package dev.gatehouse.state;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A request this SP sent (an AuthnRequest or a LogoutRequest) and has not yet seen answered.
 *
 * @param kind which kind of request, so that one kind of answer can never consume the other
 * @param id the request ID, which the answer must carry as InResponseTo
 * @param providerId the provider the request went to
 * @param returnTo the local path to return to after login, or null for the application root
 * @param browserBindingHash SHA-256 (hex) of the login-state cookie of the browser that started the login
 * @param expiresAt when the request stops being answerable
 */
public record PendingRequest(Kind kind, String id, String providerId, String returnTo, String browserBindingHash,
        Instant expiresAt) implements Serializable {

    /** The kinds of request the SP sends. */
    public enum Kind {
        /** An AuthnRequest, answered by a Response at the ACS. */
        AUTHN,
        /** A LogoutRequest, answered by a LogoutResponse at the SLS. */
        LOGOUT
    }

    private static final long serialVersionUID = 1L;

    public PendingRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(browserBindingHash, "browserBindingHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
