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
        store.save(new PendingRequest("_1", "p", null, "h", clock.instant().plusSeconds(60)));
        assertThat(store.find("_1")).isPresent();
        assertThat(store.remove("_1")).isTrue();
        assertThat(store.remove("_1")).isFalse();
        store.save(new PendingRequest("_2", "p", null, "h", clock.instant().plusSeconds(60)));
        clock.advance(Duration.ofSeconds(61));
        assertThat(store.find("_2")).isEmpty();
        assertThat(store.remove("_2")).isFalse();
    }

    @Test
    void aFullRequestStoreDropsTheOldest() {
        InMemoryRequestStateStore store = new InMemoryRequestStateStore(clock, 2);
        for (String id : new String[] {"_1", "_2", "_3"}) {
            store.save(new PendingRequest(id, "p", null, "h", clock.instant().plusSeconds(60)));
        }
        assertThat(store.find("_1")).isEmpty();
        assertThat(store.find("_3")).isPresent();
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
