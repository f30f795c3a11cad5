package dev.gatehouse.state;

import java.util.Optional;

/**
 * Remembers the AuthnRequests in flight, so that a Response's InResponseTo can be matched to a request this SP made
 * for this browser, and so that each request is answered at most once.
 *
 * <p>Implementations must be thread-safe; {@link #remove} must be atomic across every node that shares the store
 * (a later issue adds shared stores for clusters). Expired entries must never be returned.
 */
public interface RequestStateStore {

    /** Stores a new pending request. */
    void save(PendingRequest request);

    /** The pending request with this ID, unless it expired or was removed. */
    Optional<PendingRequest> find(String id);

    /**
     * Removes the request.
     *
     * @return true for exactly one caller per stored request; false if it was already removed or expired
     */
    boolean remove(String id);
}
