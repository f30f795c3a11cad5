package dev.gatehouse.state;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionRevocations} in this JVM's memory. Entries are created only by IdP-signed LogoutRequests and are
 * dropped once expired (purged by expiry, whatever their insertion order); a full store refuses new revocations
 * (fails closed, logged) rather than forgetting a live one.
 */
public final class InMemorySessionRevocations implements SessionRevocations {

    /** The default bound. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionRevocations.class);
    private static final String ALL_SESSIONS = "\u0000*";

    private record Revocation(Instant at, Instant until) {
    }

    private final Map<String, Revocation> revocations = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;

    public InMemorySessionRevocations(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    public InMemorySessionRevocations(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public boolean revoke(String providerId, String nameId, List<String> sessionIndexes, Instant at, Instant until) {
        List<String> keys = sessionIndexes.isEmpty() ? List.of(key(providerId, nameId, ALL_SESSIONS))
                : sessionIndexes.stream().map(index -> key(providerId, nameId, index)).toList();
        if (revocations.size() + keys.size() > maxEntries) {
            Instant now = clock.instant();
            revocations.values().removeIf(r -> !r.until().isAfter(now));
            if (revocations.size() + keys.size() > maxEntries) {
                LOG.error("Gatehouse session revocation store is full ({} entries): a logout could not be recorded",
                        revocations.size());
                return false;
            }
        }
        for (String key : keys) {
            revocations.merge(key, new Revocation(at, until), (old, fresh) -> new Revocation(
                    later(old.at(), fresh.at()), later(old.until(), fresh.until())));
        }
        return true;
    }

    @Override
    public boolean isRevoked(String providerId, String nameId, String sessionIndex, Instant signedInAt) {
        Instant now = clock.instant();
        return revokes(revocations.get(key(providerId, nameId, ALL_SESSIONS)), signedInAt, now)
                || (sessionIndex != null && revokes(revocations.get(key(providerId, nameId, sessionIndex)),
                        signedInAt, now));
    }

    private static boolean revokes(Revocation r, Instant signedInAt, Instant now) {
        return r != null && r.until().isAfter(now) && !signedInAt.isAfter(r.at());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String key(String providerId, String nameId, String sessionIndex) {
        return providerId + '\u0000' + nameId + '\u0000' + sessionIndex;
    }
}
