package dev.gatehouse.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoresTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void pendingRequestsAreAnsweredOnceAndExpire() {
        InMemoryRequestStateStore store = new InMemoryRequestStateStore(clock);
        store.save(new PendingRequest(PendingRequest.Kind.AUTHN, "_1", "p", null, "h", clock.instant().plusSeconds(60)));
        assertThat(store.find("_1")).isPresent();
        assertThat(store.remove("_1")).isTrue();
        assertThat(store.remove("_1")).isFalse();
        store.save(new PendingRequest(PendingRequest.Kind.AUTHN, "_2", "p", null, "h", clock.instant().plusSeconds(60)));
        clock.advance(Duration.ofSeconds(61));
        assertThat(store.find("_2")).isEmpty();
        assertThat(store.remove("_2")).isFalse();
    }

    @Test
    void aFullRequestStoreDropsTheOldest() {
        InMemoryRequestStateStore store = new InMemoryRequestStateStore(clock, 2);
        for (String id : new String[] {"_1", "_2", "_3"}) {
            store.save(new PendingRequest(PendingRequest.Kind.AUTHN, id, "p", null, "h", clock.instant().plusSeconds(60)));
        }
        assertThat(store.find("_1")).isEmpty();
        assertThat(store.find("_3")).isPresent();
    }

    @Test
    void revocationsHitLoginsBeforeThemByIndexOrAllAndNeverLaterLogins() {
        InMemorySessionRevocations revocations = new InMemorySessionRevocations(clock, 3);
        Instant before = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        assertThat(revocations.revoke("p", "alice", java.util.List.of("s1"), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)))).isTrue();
        assertThat(revocations.isRevoked("p", "alice", "s1", before)).isTrue();
        assertThat(revocations.isRevoked("p", "alice", "s2", before)).as("other IdP session").isFalse();
        assertThat(revocations.isRevoked("p", "bob", "s1", before)).as("other user").isFalse();
        assertThat(revocations.isRevoked("q", "alice", "s1", before)).as("other provider").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(revocations.isRevoked("p", "alice", "s1", clock.instant())).as("a new login").isFalse();
        assertThat(revocations.revoke("p", "alice", java.util.List.of(), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)))).isTrue();
        assertThat(revocations.isRevoked("p", "alice", "s2", before)).as("all sessions").isTrue();
        assertThat(revocations.isRevoked("p", "alice", null, before)).isTrue();
        assertThat(revocations.revoke("p", "carol", java.util.List.of("x", "y"), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)))).as("full: refuse, never forget").isFalse();
        clock.advance(Duration.ofHours(2));
        assertThat(revocations.isRevoked("p", "alice", "s1", before)).as("expired with the longest session")
                .isFalse();
        assertThat(revocations.revoke("p", "carol", java.util.List.of("x", "y"), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)))).as("expired entries make room").isTrue();
    }

    @Test
    void replayCacheRemembersUntilExpiryAndFailsClosedWhenFull() {
        InMemoryReplayCache cache = new InMemoryReplayCache(clock, 2);
        assertThat(cache.firstUse("a", clock.instant().plusSeconds(60))).isTrue();
        assertThat(cache.firstUse("a", clock.instant().plusSeconds(60))).isFalse();
        assertThat(cache.firstUse("b", clock.instant().plusSeconds(60))).isTrue();
        assertThat(cache.firstUse("c", clock.instant().plusSeconds(60))).as("full: refuse, never forget").isFalse();
        assertThat(cache.firstUse("a", clock.instant().plusSeconds(60))).isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(cache.firstUse("c", clock.instant().plusSeconds(60))).isTrue();
    }
}
