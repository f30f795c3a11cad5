package dev.gatehouse.state;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One signed-in session as single logout needs to find it: which IdP session it belongs to.
 *
 * @param loginId Gatehouse's own id for this login (also kept in the principal); independent of the container's
 *     session id, which can change
 * @param providerId the provider the user signed in with
 * @param nameId the NameID value the IdP sent
 * @param sessionIndex the IdP's SessionIndex, or null
 * @param expiresAt when the entry may be forgotten (the session cannot outlive it)
 */
public record LoginSession(String loginId, String providerId, String nameId, String sessionIndex, Instant expiresAt)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public LoginSession {
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
