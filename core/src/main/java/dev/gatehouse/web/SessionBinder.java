package dev.gatehouse.web;

import dev.gatehouse.identity.GatehousePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Keeps the principal in the container's HTTP session. Signing in always changes the session id (no session
 * fixation): an anonymous session, or one of the same user, keeps its attributes under a new id; a session that
 * belongs to another user is invalidated, so nothing of theirs carries over to the new user.
 */
final class SessionBinder {

    /** The session attribute holding the {@link GatehousePrincipal}. */
    static final String PRINCIPAL_ATTRIBUTE = "dev.gatehouse.principal";

    /** The principal of this request's session, or null. */
    GatehousePrincipal current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
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

    /** Stores the principal under a fresh session id. */
    void signIn(HttpServletRequest request, GatehousePrincipal principal) {
        HttpSession session = request.getSession(false);
        GatehousePrincipal previous = current(request);
        if (session != null && previous != null && !sameUser(previous, principal)) {
            session.invalidate();
            session = null;
        }
        if (session != null) {
            request.changeSessionId();
        }
        request.getSession(true).setAttribute(PRINCIPAL_ATTRIBUTE, principal);
    }

    private static boolean sameUser(GatehousePrincipal a, GatehousePrincipal b) {
        return a.providerId().equals(b.providerId()) && a.nameId().equals(b.nameId());
    }
}
