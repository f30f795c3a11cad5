package dev.gatehouse.state;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A bounded in-memory map whose entries expire, shared by the in-memory stores. Expired entries are purged in
 * insertion order on every write, so memory stays proportional to live entries. Thread-safe.
 */
final class ExpiringMap<V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private record Key(String key, Instant expiresAt) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Queue<Key> order = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final int maxEntries;

    ExpiringMap(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /** Inserts unless a live entry exists; returns false when the key is taken or the map is full. */
    boolean putIfAbsent(String key, V value, Instant expiresAt, boolean evictOldestWhenFull) {
        Instant now = clock.instant();
        purge(now);
        if (entries.size() >= maxEntries) {
            if (!evictOldestWhenFull) {
                return false;
            }
            Key oldest;
            while (entries.size() >= maxEntries && (oldest = order.poll()) != null) {
                entries.remove(oldest.key());
            }
        }
        Entry<V> fresh = new Entry<>(value, expiresAt);
        Entry<V> previous = entries.compute(key, (k, existing) ->
                existing == null || !existing.expiresAt().isAfter(now) ? fresh : existing);
        if (previous != fresh) {
            return false;
        }
        order.add(new Key(key, expiresAt));
        return true;
    }

    /** The live value for the key, if any. */
    V get(String key) {
        Entry<V> e = entries.get(key);
        return e == null || !e.expiresAt().isAfter(clock.instant()) ? null : e.value();
    }

    /** Removes the key; true if a live entry was removed by this call. */
    boolean remove(String key) {
        Entry<V> e = entries.remove(key);
        return e != null && e.expiresAt().isAfter(clock.instant());
    }

    int size() {
        return entries.size();
    }

    private void purge(Instant now) {
        Key head;
        while ((head = order.peek()) != null && !head.expiresAt().isAfter(now)) {
            if (order.remove(head)) {
                entries.computeIfPresent(head.key(), (k, e) -> e.expiresAt().isAfter(now) ? e : null);
            }
        }
    }
}
