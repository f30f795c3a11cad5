package dev.gatehouse.state;

import java.time.Instant;
import java.util.List;

/**
 * Which sessions belong to which IdP session, so that an IdP-initiated LogoutRequest, which arrives on a request
 * that does not carry the user's session cookie, can end them; and which logins were revoked, so that a revoked
 * session is refused on its very next request even on a node that never saw the LogoutRequest's HttpSession.
 *
 * <p>Implementations must be thread-safe; with several nodes they must be shared (a later issue adds shared stores).
 */
public interface SessionRegistry {

    /** Records a new login. */
    void register(LoginSession session);

    /**
     * The logins of a user at a provider: with SessionIndex values, those with one of them; with none, all of the
     * user's logins at that provider (saml-core-2.0-os 3.7.3.2).
     */
    List<LoginSession> find(String providerId, String nameId, List<String> sessionIndexes);

    /** Marks a login revoked until {@code until}, and forgets its registration. */
    void revoke(String loginId, Instant until);

    /** Whether the login was revoked. */
    boolean isRevoked(String loginId);

    /** Forgets a login that ended normally (local logout). */
    void remove(String loginId);
}
