package dev.gatehouse.state;

import java.time.Clock;
import java.util.Optional;

/**
 * {@link RequestStateStore} in this JVM's memory: right for a single server, or for a cluster whose load balancer
 * keeps a browser on one node for the whole login (including the cross-site POST, which carries no cookie on the
 * first leg). At most {@code maxEntries} logins are in flight; past that the oldest is dropped, so a flood of login
 * starts costs bounded memory (it can at worst make an old pending login fail with in_response_to_unknown).
 */
public final class InMemoryRequestStateStore implements RequestStateStore {

    /** The default bound: 50,000 logins in flight. */
    public static final int DEFAULT_MAX_ENTRIES = 50_000;

    private final ExpiringMap<PendingRequest> map;

    public InMemoryRequestStateStore(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    public InMemoryRequestStateStore(Clock clock, int maxEntries) {
        this.map = new ExpiringMap<>(clock, maxEntries);
    }

    @Override
    public void save(PendingRequest request) {
        map.putIfAbsent(request.id(), request, request.expiresAt(), true);
    }

    @Override
    public Optional<PendingRequest> find(String id) {
        return Optional.ofNullable(map.get(id));
    }

    @Override
    public boolean remove(String id) {
        return map.remove(id);
    }
}
