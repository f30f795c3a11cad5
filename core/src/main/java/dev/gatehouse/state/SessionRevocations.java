package dev.gatehouse.state;

import java.time.Instant;
import java.util.List;

/**
 * The registry single logout needs: which (provider, NameID, SessionIndex) the IdP ended, and when. A session is
 * refused on its next request, on any node that shares the revocations, when its user's logins up to that moment
 * were revoked, for its SessionIndex or for all of the user's sessions at that provider (saml-core-2.0-os 3.7.3.2).
 * A login made after the revocation is not affected.
 *
 * <p>Keyed by user and IdP session rather than by login, so nothing is stored per login and nothing can be evicted
 * from under a live session: entries come only from IdP-signed LogoutRequests and live until no session that
 * started before them can still be alive ({@code maxSessionLifetime}). Implementations must be thread-safe; with
 * several nodes they must be shared (a later issue adds shared stores).
 */
public interface SessionRevocations {

    /**
     * Revokes every login of {@code nameId} at {@code providerId} made at or before {@code at}: those with one of
     * {@code sessionIndexes}, or all of them when the list is empty.
     *
     * @param until when the revocation may be forgotten
     * @return false when it could not be recorded (the store is full); the caller must then not report success
     */
    boolean revoke(String providerId, String nameId, List<String> sessionIndexes, Instant at, Instant until);

    /** Whether a login of this user and IdP session, made at {@code signedInAt}, was revoked. */
    boolean isRevoked(String providerId, String nameId, String sessionIndex, Instant signedInAt);
}
