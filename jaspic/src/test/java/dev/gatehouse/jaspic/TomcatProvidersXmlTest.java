package dev.gatehouse.jaspic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server-side registration: Tomcat's {@code conf/jaspic-providers.xml} names {@link GatehouseAuthConfigProvider}
 * with a {@code configFile} property, and the webapp's web.xml says nothing about Gatehouse (runs in its own JVM:
 * Tomcat reads that file once per JVM).
 */
class TomcatProvidersXmlTest {

    private static TomcatJaspicHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new TomcatJaspicHarness(TomcatJaspicHarness.Registration.PROVIDERS_XML);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void theProviderFromJaspicProvidersXmlSignsUsersInAndEnforcesRoles() {
        Browser alice = new Browser();
        Page idpPage = alice.get(harness.url("/admin/x"));
        assertThat(idpPage.url().toString()).startsWith(harness.idp.baseUrl() + "/sso");
        Page page = alice.submit(idpPage, Map.of("user", "alice"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("user=alice@example.com", "authType=SAML", "admin=true");

        Browser bob = new Browser();
        bob.submit(bob.get(harness.url("/whoami")), Map.of("user", "bob"));
        assertThat(bob.get(harness.url("/admin/x")).status()).isEqualTo(403);
    }
}
