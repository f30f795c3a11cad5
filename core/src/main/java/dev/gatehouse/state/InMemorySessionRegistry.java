package dev.gatehouse.state;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SessionRegistry} in this JVM's memory: right for one server, or a cluster with sticky sessions where the
 * IdP's logout reaches the node that holds the session. Bounded: at most {@code maxEntries} logins and revocations
 * each; past that the oldest are dropped (a dropped revocation can only matter for a session the registry also
 * dropped, and sessions are bounded by the same count).
 */
public final class InMemorySessionRegistry implements SessionRegistry {

    /** The default bound. */
    public static final int DEFAULT_MAX_ENTRIES = 200_000;

    private final ExpiringMap<LoginSession> logins;
    private final ExpiringMap<Boolean> revoked;
    private final Map<String, Map<String, Boolean>> byUser = new ConcurrentHashMap<>();

    public InMemorySessionRegistry(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    public InMemorySessionRegistry(Clock clock, int maxEntries) {
        this.logins = new ExpiringMap<>(clock, maxEntries);
        this.revoked = new ExpiringMap<>(clock, maxEntries);
    }

    @Override
    public void register(LoginSession session) {
        logins.putIfAbsent(session.loginId(), session, session.expiresAt(), true);
        byUser.computeIfAbsent(key(session.providerId(), session.nameId()), k -> new ConcurrentHashMap<>())
                .put(session.loginId(), Boolean.TRUE);
    }

    @Override
    public List<LoginSession> find(String providerId, String nameId, List<String> sessionIndexes) {
        Map<String, Boolean> ids = byUser.get(key(providerId, nameId));
        List<LoginSession> found = new ArrayList<>();
        if (ids == null) {
            return found;
        }
        for (String loginId : List.copyOf(ids.keySet())) {
            LoginSession session = logins.get(loginId);
            if (session == null) {
                ids.remove(loginId);
            } else if (sessionIndexes.isEmpty() || sessionIndexes.contains(session.sessionIndex())) {
                found.add(session);
            }
        }
        return found;
    }

    @Override
    public void revoke(String loginId, Instant until) {
        revoked.putIfAbsent(loginId, Boolean.TRUE, until, true);
        remove(loginId);
    }

    @Override
    public boolean isRevoked(String loginId) {
        return revoked.get(loginId) != null;
    }

    @Override
    public void remove(String loginId) {
        LoginSession session = logins.get(loginId);
        logins.remove(loginId);
        if (session != null) {
            Map<String, Boolean> ids = byUser.get(key(session.providerId(), session.nameId()));
            if (ids != null) {
                ids.remove(loginId);
                if (ids.isEmpty()) {
                    byUser.remove(key(session.providerId(), session.nameId()), ids);
                }
            }
        }
    }

    private static String key(String providerId, String nameId) {
        return providerId + '\u0000' + nameId;
    }
}
