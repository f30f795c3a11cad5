package dev.gatehouse.web;

import jakarta.servlet.http.HttpSession;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HttpSessions of this JVM by login id, held weakly, so that single logout can invalidate a session at once
 * when it lives here. Sessions elsewhere (another node) end through the revocation check on their next request.
 */
final class LocalSessions {

    private final Map<String, WeakReference<HttpSession>> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    void put(String loginId, HttpSession session) {
        sessions.put(loginId, new WeakReference<>(session));
        if (writes.incrementAndGet() % 1024 == 0) {
            sessions.values().removeIf(ref -> ref.get() == null);
        }
    }

    void forget(String loginId) {
        sessions.remove(loginId);
    }

    /** Invalidates the session of a login if it lives in this JVM; true if one was ended here. */
    boolean invalidate(String loginId) {
        WeakReference<HttpSession> ref = sessions.remove(loginId);
        HttpSession session = ref == null ? null : ref.get();
        if (session == null) {
            return false;
        }
        try {
            session.invalidate();
            return true;
        } catch (IllegalStateException alreadyInvalid) {
            return false;
        }
    }
}
