package dev.gatehouse.state;

import java.time.Instant;

/**
 * Records message identifiers that were accepted, so that each is accepted only once (saml-profiles-2.0-os
 * 4.1.4.5). Implementations must be thread-safe and {@link #firstUse} atomic across all nodes sharing the cache;
 * they must never forget an identifier before its expiry (fail closed when full).
 */
public interface ReplayCache {

    /**
     * Records {@code id} until {@code expiresAt}.
     *
     * @return true if this is the first use, false if the id was seen before (a replay), or if the cache cannot
     *     record it
     */
    boolean firstUse(String id, Instant expiresAt);
}
