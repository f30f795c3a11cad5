package dev.gatehouse.state;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplayCache} in this JVM's memory. Never evicts a live entry: when full it refuses new ids (fails closed)
 * and logs an error, because forgetting an id early would let its assertion be replayed. Only signed, valid
 * assertions reach the cache, so it cannot be filled by anonymous traffic.
 */
public final class InMemoryReplayCache implements ReplayCache {

    /** The default bound: one million assertions within their validity window. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryReplayCache.class);

    private final ExpiringMap<Boolean> map;

    public InMemoryReplayCache(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    public InMemoryReplayCache(Clock clock, int maxEntries) {
        this.map = new ExpiringMap<>(clock, maxEntries);
    }

    @Override
    public boolean firstUse(String id, Instant expiresAt) {
        if (map.get(id) != null) {
            return false;
        }
        boolean recorded = map.putIfAbsent(id, Boolean.TRUE, expiresAt, false);
        if (!recorded && map.get(id) == null) {
            LOG.error("Gatehouse replay cache is full ({} entries): refusing logins until entries expire",
                    map.size());
        }
        return recorded;
    }
}
