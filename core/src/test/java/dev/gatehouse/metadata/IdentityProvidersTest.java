package dev.gatehouse.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.TestIdp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import dev.gatehouse.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A provider whose metadata is down at startup is unavailable, retried on demand, and recovers. */
class IdentityProvidersTest {

    @Test
    void anUnavailableProviderIsRetriedAtMostEveryThirtySecondsAndRecovers() {
        TestIdp idp = TestIdp.create("https://idp.example/md", URI.create("https://idp.example/sso"));
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger fetches = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        try (JettyServer server = JettyServer.start("127.0.0.1")) {
            server.deployServlet("/", "/md", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    fetches.incrementAndGet();
                    if (!up.get()) {
                        resp.sendError(503);
                        return;
                    }
                    resp.getWriter().print(idp.metadataXml());
                }
            });
            ProviderConfig provider = ProviderConfig.builder("p").idp(new IdpSource.MetadataUrl(
                    URI.create(server.baseUrl() + "/md"), null, Duration.ofSeconds(5), false)).build();
            GatehouseConfig config = GatehouseConfig.builder().externalUrl("https://app.example.com").provider(provider)
                    .build();
            IdentityProviders providers = new IdentityProviders(config, MetadataLoader.withDefaults(clock), clock);
            assertThat(fetches).hasValue(1);

            SamlRejection down = catchThrowableOfType(SamlRejection.class, () -> providers.active("p"));
            assertThat(down.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            assertThat(down.getMessage()).contains(server.baseUrl() + "/md", "HTTP status [503]");
            assertThat(fetches).as("no retry within 30 s").hasValue(1);

            up.set(true);
            clock.advance(IdentityProviders.RETRY_INTERVAL.plusSeconds(1));
            assertThat(providers.active("p").idp().entityId()).isEqualTo("https://idp.example/md");
            assertThat(fetches).hasValue(2);
            assertThat(catchThrowableOfType(SamlRejection.class, () -> providers.active("nope")).code())
                    .isEqualTo(ErrorCode.PROVIDER_UNKNOWN);
        }
    }
}
