package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Complete logins through the filter over real HTTP, with the IdP on another site. */
class SingleSignOnFlowTest {

    private static FilterHarness harness;

    @BeforeAll
    static void start() {
        harness = new FilterHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static Page signIn(Browser browser, Page idpLoginPage, String user) {
        assertThat(idpLoginPage.url().toString()).startsWith(harness.idp.baseUrl() + "/sso");
        return browser.submit(idpLoginPage, Map.of("user", user));
    }

    @Test
    void spInitiatedLoginReturnsToTheOriginalUrlWithTheUserSignedIn() {
        Browser browser = new Browser();
        Page idpPage = browser.get(harness.url("/whoami?x=1&y=%C3%A9"));
        Page page = signIn(browser, idpPage, "alice");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.url().toString()).isEqualTo(harness.url("/whoami?x=1&y=%C3%A9"));
        assertThat(page.body()).contains("user=alice@example.com", "authType=SAML", "admin=true", "userRole=true",
                "principal=GatehousePrincipal[alice@example.com via dev]");
        assertThat(harness.idp.servlet().lastRequest().getAssertionConsumerServiceURL()).isEqualTo(harness.acs("dev"));
    }

    @Test
    void theCrossSitePostIsBouncedOnceSoTheLaxLoginCookieArrives() {
        Browser browser = new Browser();
        signIn(browser, browser.get(harness.url("/whoami")), "bob");
        long acsPosts = browser.history().stream().filter(p -> p.url().toString().equals(harness.acs("dev"))).count();
        assertThat(acsPosts).as("first cross-site POST without cookie, then the same-site re-post").isEqualTo(2);
        assertThat(browser.cookie("GATEHOUSE_LOGIN")).get().extracting(Browser.Cookie::sameSite).isEqualTo("Lax");
        assertThat(browser.cookie("GATEHOUSE_LOGIN").get().httpOnly()).isTrue();
        assertThat(browser.cookie("GATEHOUSE_LOGIN").get().path()).isEqualTo("/app/saml");
    }

    @Test
    void loginChangesTheSessionId() {
        Browser browser = new Browser();
        String before = value(browser.get(harness.url("/public")).body(), "session");
        Page page = signIn(browser, browser.get(harness.url("/whoami")), "alice");
        String after = value(page.body(), "session");
        assertThat(after).isNotEqualTo(before);
        assertThat(value(browser.get(harness.url("/public")).body(), "user")).isEqualTo("alice@example.com");
    }

    @Test
    void anonymousSessionDataSurvivesLoginButAnotherUsersDataDoesNot() {
        Browser browser = new Browser();
        browser.get(harness.url("/public?note=cart-42"));
        signIn(browser, browser.get(harness.url("/whoami")), "alice");
        assertThat(value(browser.get(harness.url("/public")).body(), "note")).isEqualTo("cart-42");
        browser.get(harness.url("/public?note=alice-private"));
        Page start = browser.get(harness.idp.baseUrl() + "/");
        browser.submit(start, "form:has(input[value=bob])", Map.of());
        Page afterSwitch = browser.get(harness.url("/public"));
        assertThat(value(afterSwitch.body(), "user")).isEqualTo("bob@example.com");
        assertThat(value(afterSwitch.body(), "note")).isEqualTo("null");
    }

    @Test
    void idpInitiatedLoginLandsOnTheRelayStatePath() {
        Browser browser = new Browser();
        Page start = browser.get(harness.idp.baseUrl() + "/");
        Page page = browser.submit(start, "form:has(input[value=alice])", Map.of("RelayState", "/app/whoami?from=idp"));
        assertThat(page.url().toString()).isEqualTo(harness.url("/whoami?from=idp"));
        assertThat(page.body()).contains("user=alice@example.com");
    }

    @Test
    void idpInitiatedRelayStateCannotRedirectOffSite() {
        Browser browser = new Browser();
        Page start = browser.get(harness.idp.baseUrl() + "/");
        for (String evil : new String[] {"https://evil.example/x", "//evil.example/x", "/\\evil.example",
                "/app/../../evil"}) {
            browser.clearCookies();
            Page page = browser.submit(start, "form:has(input[value=bob])", Map.of("RelayState", evil));
            assertThat(page.url().getHost()).isEqualTo("localhost");
            assertThat(page.url().getPath()).as(evil).isEqualTo("/app/");
        }
    }

    @Test
    void returnToOnTheLoginEndpointStaysInTheApplication() {
        Browser browser = new Browser();
        Page page = signIn(browser, browser.get(harness.url("/saml/login/dev?returnTo=https://evil.example/")), "bob");
        assertThat(page.url().toString()).isEqualTo(harness.url("/"));
        Browser other = new Browser();
        Page ok = signIn(other, other.get(harness.url("/saml/login?returnTo=/whoami")), "bob");
        assertThat(ok.url().toString()).isEqualTo(harness.url("/whoami"));
    }

    @Test
    void rolesComeFromGroupMapping() {
        Browser alice = new Browser();
        assertThat(signIn(alice, alice.get(harness.url("/admin/")), "alice").status()).isEqualTo(200);
        Browser bob = new Browser();
        Page refused = signIn(bob, bob.get(harness.url("/admin/")), "bob");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.url().toString()).isEqualTo(harness.url("/admin/"));
    }

    @Test
    void scriptRequestsGet401InsteadOfARedirect() {
        Browser browser = new Browser();
        Page xhr = browser.fetch(harness.url("/whoami"), Map.of("X-Requested-With", "XMLHttpRequest"));
        assertThat(xhr.status()).isEqualTo(401);
        assertThat(xhr.header("content-type")).startsWith("application/json");
        assertThat(xhr.body()).contains("\"error\":\"authentication_required\"", "\"loginUrl\":\"/app/saml/login\"");
        assertThat(xhr.header("www-authenticate")).startsWith("SAML");
        Page json = browser.fetch(harness.url("/whoami"), Map.of("Accept", "application/json"));
        assertThat(json.status()).isEqualTo(401);
    }

    @Test
    void openPathsPassWithoutLogin() {
        Page page = new Browser().get(harness.url("/public"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("user=null");
    }

    @Test
    void metadataIsServedWithTheSamlMediaType() {
        Page page = new Browser().get(harness.url("/saml/metadata/dev"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("application/samlmetadata+xml");
        assertThat(page.body()).contains("entityID=\"" + harness.spEntityId("dev") + "\"",
                "Location=\"" + harness.acs("dev") + "\"", "WantAssertionsSigned=\"true\"");
        assertThat(new Browser().get(harness.url("/saml/metadata")).body()).isEqualTo(page.body());
    }

    static String value(String body, String key) {
        for (String line : body.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + body);
    }
}
