package dev.gatehouse.jaspic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.ResponseBuilder;
import dev.gatehouse.testkit.TestCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Container-managed security on Tomcat 11 with Gatehouse as the Jakarta Authentication module, registered by the
 * {@link GatehouseJaspicListener} in web.xml, over real HTTP with the test IdP on another site: the container's own
 * {@code security-constraint}s, {@code isUserInRole}, {@code getUserPrincipal} and {@code logout()} work unchanged.
 */
class TomcatJaspicTest {

    private static TomcatJaspicHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new TomcatJaspicHarness(TomcatJaspicHarness.Registration.LISTENER);
    }

    @AfterEach
    void resetIdp() {
        harness.idp.customize(null);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    static String value(String body, String key) {
        return body.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst()
                .orElse(null);
    }

    private static Page signIn(Browser browser, String path, String user) {
        Page idpPage = browser.get(harness.url(path));
        assertThat(idpPage.url().toString()).as("sent to the IdP").startsWith(harness.idp.baseUrl() + "/sso");
        return browser.submit(idpPage, Map.of("user", user));
    }

    private static boolean signedIn(Browser browser) {
        return !"null".equals(value(browser.get(harness.url("/public")).body(), "user"));
    }

    @Test
    void aConstrainedPageSendsTheBrowserToTheIdpAndTheContainerKnowsTheUser() {
        Browser browser = new Browser();
        Page page = signIn(browser, "/whoami?x=1", "alice");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.url().toString()).isEqualTo(harness.url("/whoami?x=1"));
        assertThat(page.body()).contains("user=alice@example.com", "principal=alice@example.com",
                "principalType=GatehousePrincipal", "authType=SAML", "admin=true", "userRole=true");
    }

    @Test
    void rolesComeFromTheAssertionAndTheWrongRoleIsForbidden() {
        Browser bob = new Browser();
        signIn(bob, "/whoami", "bob");
        Page forbidden = bob.get(harness.url("/admin/reports"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(value(bob.get(harness.url("/whoami")).body(), "admin")).isEqualTo("false");
        Browser alice = new Browser();
        Page admin = signIn(alice, "/admin/reports", "alice");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.url().toString()).isEqualTo(harness.url("/admin/reports"));
    }

    @Test
    void theSessionIsReusedWithoutGoingBackToTheIdp() {
        Browser browser = new Browser();
        signIn(browser, "/whoami", "alice");
        int requestsAtIdp = browser.history().size();
        for (int i = 0; i < 3; i++) {
            Page again = browser.get(harness.url("/whoami"));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).contains("user=alice@example.com");
        }
        assertThat(browser.history().subList(requestsAtIdp, browser.history().size()))
                .noneMatch(p -> p.url().toString().startsWith(harness.idp.baseUrl().toString()));
    }

    @Test
    void unprotectedPagesAreUntouchedButKnowASignedInUser() {
        Browser browser = new Browser();
        Page anonymous = browser.get(harness.url("/public"));
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("user=null", "session=null");
        signIn(browser, "/whoami", "alice");
        assertThat(value(browser.get(harness.url("/public")).body(), "user")).isEqualTo("alice@example.com");
    }

    @Test
    void idpInitiatedLoginWorks() {
        Browser browser = new Browser();
        Page start = browser.get(harness.idp.baseUrl() + "/");
        browser.submit(start, "form:has(input[value=alice])", Map.of("RelayState", "/app/whoami"));
        Page page = browser.get(harness.url("/whoami"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("user=alice@example.com");
    }

    @Test
    void idpInitiatedSingleLogoutEndsTheContainerSession() {
        Browser alice = new Browser();
        signIn(alice, "/whoami", "alice");
        Page answered = new Browser().get(harness.idp.idp().logoutRequest().to(harness.url("/saml/sls/dev"))
                .nameId("alice@example.com").redirectUrl(null).toString());
        assertThat(answered.url().toString()).startsWith(harness.idp.baseUrl() + "/slo");
        assertThat(harness.idp.servlet().lastLogoutResponseXml()).contains("status:Success");
        assertThat(signedIn(alice)).isFalse();
        Page again = alice.get(harness.url("/whoami"));
        assertThat(again.url().toString()).as("sent to the IdP again").startsWith(harness.idp.baseUrl() + "/sso");
    }

    @Test
    void spInitiatedLogoutEndsTheContainerSession() {
        Browser alice = new Browser();
        signIn(alice, "/whoami", "alice");
        Page confirm = alice.get(harness.url("/saml/logout"));
        alice.submit(confirm, "#logout", Map.of());
        assertThat(harness.idp.servlet().lastLogoutRequest().getNameID().getValue()).isEqualTo("alice@example.com");
        assertThat(signedIn(alice)).isFalse();
    }

    @Test
    void requestLogoutCallsCleanSubjectAndEndsTheGatehouseLogin() {
        Browser alice = new Browser();
        signIn(alice, "/whoami", "alice");
        Page page = alice.postFrom(harness.url("/whoami"), harness.url("/logout-local"), Map.of());
        assertThat(page.body()).contains("logged out; user=null");
        assertThat(signedIn(alice)).isFalse();
    }

    @Test
    void scriptsGet401InsteadOfARedirect() {
        Page page = new Browser().fetch(harness.url("/whoami"), Map.of("X-Requested-With", "XMLHttpRequest"));
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("authentication_required");
    }

    @Test
    void theSamlEndpointsAreServedByTheModule() {
        Page metadata = new Browser().get(harness.url("/saml/metadata/dev"));
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body()).contains("entityID=\"" + harness.url("/saml/metadata/dev") + "\"");
    }

    static Stream<Arguments> brokenResponses() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("signed by another key", (Consumer<ResponseBuilder>) r -> r.signWith(
                        TestCredential.attacker()), "signature_invalid"),
                Arguments.of("not signed", (Consumer<ResponseBuilder>) r -> r.signAssertion(false),
                        "signature_missing"),
                Arguments.of("another audience", (Consumer<ResponseBuilder>) r -> r.audience("https://other.example"),
                        "audience_mismatch"),
                Arguments.of("expired", (Consumer<ResponseBuilder>) r -> r.notOnOrAfter(
                        now.minus(Duration.ofMinutes(10))), "assertion_expired"),
                Arguments.of("answers a request never sent", (Consumer<ResponseBuilder>) r -> r.inResponseTo("_forged")
                        .confirmationInResponseTo("_forged"), "in_response_to_unknown"),
                Arguments.of("IdP error", (Consumer<ResponseBuilder>) r -> r.status(
                        "urn:oasis:names:tc:SAML:2.0:status:Responder", null, null), "status_not_success"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("brokenResponses")
    void aRefusedResponseEstablishesNobody(String name, Consumer<ResponseBuilder> change, String code) {
        Browser browser = new Browser();
        harness.idp.customize(change);
        Page page = browser.submit(browser.get(harness.url("/whoami")), Map.of("user", "alice"));
        assertThat(page.errorCode()).as(page.body()).isEqualTo(code);
        assertThat(page.body()).doesNotContain("Exception", "at dev.gatehouse", "alice@example.com");
        assertThat(signedIn(browser)).isFalse();
        assertThat(browser.get(harness.url("/whoami")).url().toString())
                .startsWith(harness.idp.baseUrl() + "/sso");
        harness.idp.customize(null);
        assertThat(signIn(browser, "/whoami", "alice").body()).contains("user=alice@example.com");
    }

    @Test
    void aReloadedWebappKeepsItsModule() {
        assertThat(signIn(new Browser(), "/whoami", "alice").body()).contains("user=alice@example.com");
        harness.reload();
        assertThat(new Browser().get(harness.url("/saml/metadata/dev")).status()).isEqualTo(200);
        assertThat(signIn(new Browser(), "/whoami", "bob").body()).contains("user=bob@example.com");
        Browser bob = new Browser();
        signIn(bob, "/whoami", "bob");
        assertThat(bob.get(harness.url("/admin/x")).status()).as("roles still enforced").isEqualTo(403);
    }
}
