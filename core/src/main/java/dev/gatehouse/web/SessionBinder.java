package dev.gatehouse.web;

import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.internal.LogText;
import dev.gatehouse.internal.RandomIds;
import dev.gatehouse.state.SessionRevocations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the principal in the container's HTTP session and ends that session when it must end.
 * <ul>
 *   <li>Signing in always changes the session id (no session fixation): an anonymous session, or one of the same
 *       user, keeps its attributes under a new id; a session that belongs to another user is invalidated, so nothing
 *       of theirs carries over. The login gets its own id and is noted in {@link LocalSessions}.</li>
 *   <li>A session ends on its next request when an IdP-initiated LogoutRequest revoked its user's (or its IdP
 *       session's) logins after it started ({@link SessionRevocations}, on any node), when the IdP's
 *       SessionNotOnOrAfter has passed, or when it is older than maxSessionLifetime.</li>
 * </ul>
 */
final class SessionBinder {

    /** The session attribute holding the {@link GatehousePrincipal}. */
    static final String PRINCIPAL_ATTRIBUTE = "dev.gatehouse.principal";

    private static final Logger LOG = LoggerFactory.getLogger(SessionBinder.class);

    private final SessionRevocations revocations;
    private final LocalSessions local;
    private final RandomIds ids;
    private final Clock clock;
    private final Duration maxLifetime;

    SessionBinder(SessionRevocations revocations, LocalSessions local, RandomIds ids, Clock clock,
            Duration maxLifetime) {
        this.revocations = revocations;
        this.local = local;
        this.ids = ids;
        this.clock = clock;
        this.maxLifetime = maxLifetime;
    }

    /** The principal of this request's session, or null; a session that must end is invalidated here. */
    GatehousePrincipal current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        GatehousePrincipal principal = stored(session);
        if (principal == null) {
            return null;
        }
        String why = endReason(principal);
        if (why != null) {
            LOG.info("Gatehouse ends the session of [{}] from provider [{}]: {}", LogText.safe(principal.getName()),
                    principal.providerId(), why);
            end(session, principal);
            return null;
        }
        return principal;
    }

    /** Stores the principal under a fresh session id and registers the login. */
    GatehousePrincipal signIn(HttpServletRequest request, GatehousePrincipal principal) {
        Instant now = clock.instant();
        HttpSession session = request.getSession(false);
        GatehousePrincipal previous = stored(session);
        if (session != null && previous != null) {
            forgetLogin(previous);
            if (!sameUser(previous, principal)) {
                invalidate(session);
                session = null;
            }
        }
        if (session != null) {
            request.changeSessionId();
        }
        session = request.getSession(true);
        GatehousePrincipal signedIn = principal.withLogin(ids.token(), now);
        session.setAttribute(PRINCIPAL_ATTRIBUTE, signedIn);
        local.put(signedIn.loginId(), signedIn.providerId(), signedIn.nameId(), signedIn.sessionIndex(), session);
        return signedIn;
    }

    /** Local logout: forgets the login and invalidates the session; returns who was signed in, or null. */
    GatehousePrincipal signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        GatehousePrincipal principal = stored(session);
        if (session != null) {
            if (principal != null) {
                forgetLogin(principal);
            }
            invalidate(session);
        }
        return principal;
    }

    /** How long a revocation must be kept: no session lives longer. */
    Duration maxLifetime() {
        return maxLifetime;
    }

    private String endReason(GatehousePrincipal p) {
        if (p.signedInAt() != null && revocations.isRevoked(p.providerId(), p.nameId(), p.sessionIndex(),
                p.signedInAt())) {
            return "the IdP ended it (single logout)";
        }
        Instant now = clock.instant();
        if (p.sessionNotOnOrAfter() != null && !now.isBefore(p.sessionNotOnOrAfter())) {
            return "the IdP's SessionNotOnOrAfter [" + p.sessionNotOnOrAfter() + "] has passed";
        }
        if (p.signedInAt() != null && !now.isBefore(p.signedInAt().plus(maxLifetime))) {
            return "it is older than maxSessionLifetime [" + maxLifetime + "]";
        }
        return null;
    }

    private void end(HttpSession session, GatehousePrincipal principal) {
        forgetLogin(principal);
        invalidate(session);
    }

    private void forgetLogin(GatehousePrincipal principal) {
        if (principal.loginId() != null) {
            local.forget(principal.loginId());
        }
    }

    private static GatehousePrincipal stored(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            Object value = session.getAttribute(PRINCIPAL_ATTRIBUTE);
            return value instanceof GatehousePrincipal p ? p : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    private static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile
        }
    }

    private static boolean sameUser(GatehousePrincipal a, GatehousePrincipal b) {
        return a.providerId().equals(b.providerId()) && a.nameId().equals(b.nameId());
    }
}
