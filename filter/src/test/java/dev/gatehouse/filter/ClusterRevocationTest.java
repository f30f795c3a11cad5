package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.PathRules;
import dev.gatehouse.state.InMemorySessionRevocations;
import dev.gatehouse.state.SessionRevocations;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.TestIdpServer;
import dev.gatehouse.web.GatehouseEngine;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/**
 * Two nodes behind one externalURL share the session revocations: the IdP's LogoutRequest reaches the node that does
 * not hold the user's HttpSession, and the session is still refused on its very next request on the other node.
 */
class ClusterRevocationTest {

    @Test
    void aLogoutOnOneNodeEndsTheSessionOnTheOther() {
        try (TestIdpServer idp = TestIdpServer.start(); JettyServer nodeA = JettyServer.start("localhost");
                JettyServer nodeB = JettyServer.start("localhost")) {
            String external = nodeA.baseUrl() + "/app";
            GatehouseConfig config = GatehouseConfig.builder().externalUrl(external)
                    .protectedPaths(new PathRules(List.of("/*"), List.of("/public")))
                    .provider(FilterHarness.providerFor("dev", idp).idp(new IdpSource.Fields(idp.idp().entityId(),
                            idp.idp().ssoUrl(), Binding.HTTP_REDIRECT, idp.idp().sloUrl(), Binding.HTTP_REDIRECT,
                            List.of(idp.idp().credential().certificate()))).build())
                    .build();
            idp.registerServiceProvider(external + "/saml/metadata/dev", external + "/saml/acs/dev");
            SessionRevocations shared = new InMemorySessionRevocations(Clock.systemUTC());
            for (JettyServer node : List.of(nodeA, nodeB)) {
                ServletContextHandler context = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
                context.addFilter(new FilterHolder(new GatehouseFilter(GatehouseEngine.builder(config)
                        .sessionRevocations(shared).build())), "/*", EnumSet.of(DispatcherType.REQUEST));
                FilterHarness.addServlets(context);
                node.deploy(context);
            }
            Browser alice = new Browser();
            Page signedIn = alice.submit(alice.get(external + "/whoami"), Map.of("user", "alice"));
            String index = SingleSignOnFlowTest.value(signedIn.body(), "sessionIndex");
            assertThat(SingleSignOnFlowTest.value(alice.get(external + "/public").body(), "user"))
                    .isEqualTo("alice@example.com");

            String logoutAtA = idp.idp().logoutRequest().to(external + "/saml/sls/dev").nameId("alice@example.com")
                    .sessionIndex(index).redirectUrl(null).toString();
            String logoutAtB = logoutAtA.replace(nodeA.baseUrl().toString(), nodeB.baseUrl().toString());
            Page answered = new Browser().get(logoutAtB);
            assertThat(answered.url().toString()).startsWith(idp.baseUrl() + "/slo");

            assertThat(SingleSignOnFlowTest.value(alice.get(external + "/public").body(), "user"))
                    .as("node A refuses the revoked login although node B could not reach its HttpSession")
                    .isEqualTo("null");
        }
    }
}
