package dev.gatehouse.jaspic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.GatehouseJson;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdpServer;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link GatehouseAuthenticationMechanism} over real HTTP and the real SAML protocol, called as a Jakarta Security
 * runtime calls it ({@link JakartaSecurityStandIn}): the caller and groups it notifies, what it does for unprotected
 * and refused requests, and {@code cleanSubject}.
 */
class MechanismOverHttpTest {

    private static TestIdpServer idp;
    private static JettyServer app;
    private static String base;
    private static JakartaSecurityStandIn runtime;

    @BeforeAll
    static void start() throws Exception {
        idp = TestIdpServer.start();
        app = JettyServer.start("localhost");
        base = app.baseUrl() + "/app";
        Path config = Files.createTempFile("gatehouse-mechanism", ".json");
        Files.writeString(config, GatehouseJson.forIdps(base, List.of(idp), ""), StandardCharsets.UTF_8);
        idp.registerServiceProvider(base + "/saml/metadata/dev", base + "/saml/acs/dev");
        ServletContextHandler handler = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
        // the bean constructor, as CDI creates it: the configuration comes from the context-param on first use
        handler.setInitParameter("gatehouse.configFile", config.toString());
        runtime = new JakartaSecurityStandIn(new GatehouseAuthenticationMechanism());
        handler.addFilter(new FilterHolder(runtime), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder whoami = new ServletHolder(new TestServlets.WhoAmI());
        handler.addServlet(whoami, "/whoami");
        handler.addServlet(whoami, "/public");
        handler.addServlet(whoami, "/admin/*");
        app.deploy(handler);
    }

    @AfterEach
    void resetIdp() {
        idp.customize(null);
    }

    @AfterAll
    static void stop() {
        app.close();
        idp.close();
    }

    private static Page signIn(Browser browser, String path, String user) {
        Page idpPage = browser.get(base + path);
        assertThat(idpPage.url().toString()).startsWith(idp.baseUrl() + "/sso");
        return browser.submit(idpPage, Map.of("user", user));
    }

    @Test
    void aProtectedRequestSignsInAndTheCallerAndGroupsReachTheContainer() throws InterruptedException {
        Browser alice = new Browser();
        Page page = signIn(alice, "/whoami", "alice");
        assertThat(page.body()).contains("user=alice@example.com", "principalType=GatehousePrincipal", "admin=true",
                "userRole=true");
        assertThat(runtime.awaitStatus(AuthenticationStatus.SUCCESS)).isEqualTo(AuthenticationStatus.SUCCESS);
        assertThat(alice.get(base + "/admin/x").status()).isEqualTo(200);
        Browser bob = new Browser();
        signIn(bob, "/whoami", "bob");
        assertThat(bob.get(base + "/admin/x").status()).isEqualTo(403);
    }

    @Test
    void unprotectedRequestsPassAnonymouslyOrWithTheSignedInCaller() {
        Browser browser = new Browser();
        assertThat(browser.get(base + "/public").body()).contains("user=null");
        signIn(browser, "/whoami", "bob");
        assertThat(browser.get(base + "/public").body()).contains("user=bob@example.com");
    }

    @Test
    void aRefusedResponseIsSendFailureAndEstablishesNobody() throws InterruptedException {
        Browser browser = new Browser();
        idp.customize(r -> r.signWith(TestCredential.attacker()));
        Page page = browser.submit(browser.get(base + "/whoami"), Map.of("user", "alice"));
        assertThat(page.errorCode()).isEqualTo("signature_invalid");
        assertThat(runtime.awaitStatus(AuthenticationStatus.SEND_FAILURE)).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertThat(browser.get(base + "/public").body()).contains("user=null");
    }

    @Test
    void cleanSubjectEndsTheGatehouseLogin() {
        Browser browser = new Browser();
        signIn(browser, "/whoami", "alice");
        browser.postFrom(base + "/whoami", base + "/logout-local", Map.of());
        assertThat(browser.get(base + "/public").body()).contains("user=null");
    }
}
