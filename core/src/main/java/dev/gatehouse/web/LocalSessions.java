package dev.gatehouse.web;

import jakarta.servlet.http.HttpSession;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HttpSessions signed in through this JVM, held weakly, so that an IdP-initiated logout invalidates the ones
 * that live here at once (sessions elsewhere end on their next request through {@code SessionRevocations}). Memory
 * follows the live sessions: entries whose session was collected are dropped every 1,024 sign-ins, and the map is
 * only ever scanned on logout.
 */
final class LocalSessions {

    private record Entry(String providerId, String nameId, String sessionIndex, WeakReference<HttpSession> session) {
    }

    private final Map<String, Entry> byLogin = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    void put(String loginId, String providerId, String nameId, String sessionIndex, HttpSession session) {
        byLogin.put(loginId, new Entry(providerId, nameId, sessionIndex, new WeakReference<>(session)));
        if (writes.incrementAndGet() % 1024 == 0) {
            byLogin.values().removeIf(e -> e.session().get() == null);
        }
    }

    void forget(String loginId) {
        byLogin.remove(loginId);
    }

    /** Invalidates the matching sessions living in this JVM; returns how many. */
    int invalidate(String providerId, String nameId, List<String> sessionIndexes) {
        int ended = 0;
        for (Map.Entry<String, Entry> e : byLogin.entrySet()) {
            Entry entry = e.getValue();
            if (entry.providerId().equals(providerId) && entry.nameId().equals(nameId)
                    && (sessionIndexes.isEmpty() || sessionIndexes.contains(entry.sessionIndex()))) {
                byLogin.remove(e.getKey());
                HttpSession session = entry.session().get();
                if (session != null) {
                    try {
                        session.invalidate();
                        ended++;
                    } catch (IllegalStateException alreadyInvalid) {
                        // ended meanwhile
                    }
                }
            }
        }
        return ended;
    }
}
