package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.PathRules;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.LogoutRequestBuilder;
import dev.gatehouse.testkit.MutableClock;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.RedirectSigning;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdpServer;
import dev.gatehouse.web.GatehouseEngine;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single logout over real HTTP with the test IdP: IdP-initiated over both bindings (arriving on a browser that does
 * not carry the user's cookie), forged and stale requests, the SP-initiated round trip, logout CSRF, an IdP without
 * a logout endpoint, and the session lifetime limits.
 */
class SingleLogoutTest {

    private static TestIdpServer idp;
    private static JettyServer app;
    private static MutableClock clock;
    private static String base;
    private static final Set<ErrorCode> SEEN = EnumSet.noneOf(ErrorCode.class);

    @BeforeAll
    static void start() {
        idp = TestIdpServer.start();
        app = JettyServer.start("localhost");
        base = app.baseUrl() + "/app";
        clock = new MutableClock(Instant.now());
        ProviderConfig withSlo = FilterHarness.providerFor("dev", idp).idp(new IdpSource.Fields(idp.idp().entityId(),
                idp.idp().ssoUrl(), Binding.HTTP_REDIRECT, idp.idp().sloUrl(), Binding.HTTP_REDIRECT,
                List.of(idp.idp().credential().certificate()))).build();
        ProviderConfig withoutSlo = FilterHarness.providerFor("noslo", idp).build();
        GatehouseConfig config = GatehouseConfig.builder().externalUrl(base)
                .protectedPaths(new PathRules(List.of("/*"), List.of("/public"))).provider(withSlo)
                .provider(withoutSlo).maxSessionLifetime(Duration.ofHours(8)).logoutReturnTo("/public").build();
        for (String id : List.of("dev", "noslo")) {
            idp.registerServiceProvider(base + "/saml/metadata/" + id, base + "/saml/acs/" + id);
        }
        ServletContextHandler context = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new GatehouseFilter(GatehouseEngine.builder(config).clock(clock).build())),
                "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHarness.addServlets(context);
        app.deploy(context);
    }

    @BeforeEach
    void idpClockFollowsTheSpClock() {
        // The SP's clock stands still unless moved; a revocation covers logins at or before its instant, so each
        // test starts a second later than the last. The IdP signs with the same notion of "now".
        clock.advance(Duration.ofSeconds(1));
        idp.customize(r -> r.at(clock.instant()));
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

    @AfterAll
    static void everySingleLogoutCodeIsExercised() {
        assertThat(SEEN).contains(ErrorCode.MESSAGE_TIME_INVALID, ErrorCode.MESSAGE_REPLAYED,
                ErrorCode.LOGOUT_NOT_SAME_ORIGIN);
    }

    /** A browser signed in as a user; returns its session index. */
    private static String signIn(Browser browser, String provider, String user) {
        Page page = browser.submit(browser.get(base + "/saml/login/" + provider + "?returnTo=/app/whoami"),
                Map.of("user", user));
        assertThat(page.body()).contains("user=" + user + "@example.com");
        return SingleSignOnFlowTest.value(page.body(), "sessionIndex");
    }

    private static boolean signedIn(Browser browser) {
        return !"null".equals(SingleSignOnFlowTest.value(browser.get(base + "/public").body(), "user"));
    }

    private static LogoutRequestBuilder logout(String user) {
        return idp.idp().logoutRequest().to(base + "/saml/sls/dev").nameId(user + "@example.com")
                .issueInstant(clock.instant()).notOnOrAfter(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void idpInitiatedRedirectLogoutEndsOnlyThatSessionAndIsAnswered() {
        Browser alice = new Browser();
        Browser bob = new Browser();
        String aliceIndex = signIn(alice, "dev", "alice");
        signIn(bob, "dev", "bob");
        LogoutRequestBuilder request = logout("alice").sessionIndex(aliceIndex);
        Page answered = new Browser().get(request.redirectUrl("state-1").toString());
        assertThat(answered.url().toString()).startsWith(idp.baseUrl() + "/slo");
        assertThat(idp.servlet().lastLogoutResponseXml()).contains("InResponseTo=\"" + request.id() + "\"",
                "urn:oasis:names:tc:SAML:2.0:status:Success", "Destination=\"" + idp.idp().sloUrl() + "\"");
        assertThat(answered.url().getRawQuery()).contains("RelayState=state-1");
        assertThat(signedIn(alice)).isFalse();
        assertThat(signedIn(bob)).isTrue();
    }

    @Test
    void idpInitiatedPostLogoutWorksToo() {
        Browser alice = new Browser();
        String index = signIn(alice, "dev", "alice");
        Page page = new Browser().postFrom(idp.baseUrl().toString(), base + "/saml/sls/dev",
                Map.of("SAMLRequest", logout("alice").sessionIndex(index).postBase64()));
        assertThat(page.url().toString()).startsWith(idp.baseUrl() + "/slo");
        assertThat(signedIn(alice)).isFalse();
    }

    @Test
    void theSessionIndexSelectsOneOfTheUsersSessionsAndItsAbsenceSelectsAll() {
        Browser laptop = new Browser();
        Browser phone = new Browser();
        Browser tablet = new Browser();
        String laptopIndex = signIn(laptop, "dev", "alice");
        String phoneIndex = signIn(phone, "dev", "alice");
        signIn(tablet, "dev", "alice");
        assertThat(laptopIndex).isNotEqualTo(phoneIndex);
        new Browser().get(logout("alice").sessionIndex(laptopIndex).redirectUrl(null).toString());
        assertThat(signedIn(laptop)).isFalse();
        assertThat(signedIn(phone)).isTrue();
        new Browser().get(logout("alice").redirectUrl(null).toString());
        assertThat(signedIn(phone)).isFalse();
        assertThat(signedIn(tablet)).isFalse();
    }

    @Test
    void forgedStaleAndReplayedLogoutRequestsEndNothing() {
        Browser alice = new Browser();
        String index = signIn(alice, "dev", "alice");
        refused(logout("alice").sessionIndex(index).unsigned().redirectUrl(null), ErrorCode.SIGNATURE_MISSING);
        refused(logout("alice").sessionIndex(index).signWith(TestCredential.attacker()).redirectUrl(null),
                ErrorCode.SIGNATURE_INVALID);
        refused(logout("alice").sessionIndex(index).sigAlg(RedirectSigning.RSA_SHA1).redirectUrl(null),
                ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN);
        refused(logout("alice").sessionIndex(index).issuer("https://evil.example").redirectUrl(null),
                ErrorCode.ISSUER_MISMATCH);
        refused(logout("alice").sessionIndex(index).destination("https://other.example/sls").redirectUrl(null),
                ErrorCode.DESTINATION_MISMATCH);
        refused(logout("alice").sessionIndex(index).notOnOrAfter(clock.instant().minus(Duration.ofMinutes(10)))
                .redirectUrl(null), ErrorCode.MESSAGE_TIME_INVALID);
        refused(logout("alice").sessionIndex(index).issueInstant(clock.instant().minus(Duration.ofHours(1)))
                .notOnOrAfter(clock.instant().plus(Duration.ofMinutes(5))).redirectUrl(null),
                ErrorCode.MESSAGE_TIME_INVALID);
        URI tampered = URI.create(logout("alice").sessionIndex(index).redirectUrl("a").toString()
                .replace("RelayState=a", "RelayState=b"));
        refused(tampered, ErrorCode.SIGNATURE_INVALID);
        Browser poster = new Browser();
        Page unsignedPost = poster.postFrom(idp.baseUrl().toString(), base + "/saml/sls/dev",
                Map.of("SAMLRequest", logout("alice").sessionIndex(index).unsigned().postBase64()));
        assertThat(unsignedPost.errorCode()).isEqualTo(ErrorCode.SIGNATURE_MISSING.code());
        assertThat(signedIn(alice)).as("nobody was logged out").isTrue();

        URI once = logout("alice").sessionIndex(index).redirectUrl(null);
        new Browser().get(once.toString());
        assertThat(signedIn(alice)).isFalse();
        refused(once, ErrorCode.MESSAGE_REPLAYED);
    }

    private static void refused(URI url, ErrorCode expected) {
        Page page = new Browser().get(url.toString());
        assertThat(page.errorCode()).as(url.toString()).isEqualTo(expected.code());
        assertThat(page.status()).isEqualTo(expected.httpStatus());
        SEEN.add(expected);
    }

    @Test
    void spInitiatedLogoutEndsTheLocalAndTheIdpSession() {
        Browser alice = new Browser();
        String index = signIn(alice, "dev", "alice");
        Page confirm = alice.get(base + "/saml/logout");
        assertThat(confirm.html().getElementById("logout")).isNotNull();
        assertThat(signedIn(alice)).as("GET changes nothing").isTrue();
        Page done = alice.submit(confirm, "#logout", Map.of());
        assertThat(done.url().toString()).isEqualTo(base + "/public");
        assertThat(signedIn(alice)).isFalse();
        assertThat(idp.servlet().lastLogoutRequest().getNameID().getValue()).isEqualTo("alice@example.com");
        assertThat(idp.servlet().lastLogoutRequest().getSessionIndexes().get(0).getValue()).isEqualTo(index);
        assertThat(idp.servlet().lastLogoutRequest().getDestination()).isEqualTo(idp.idp().sloUrl().toString());
        assertThat(alice.history()).anyMatch(p -> p.url().toString().startsWith(base + "/saml/sls/dev?SAMLResponse="));
    }

    @Test
    void aLogoutResponseCannotConsumeAPendingLogin() {
        Browser victim = new Browser();
        Page idpPage = victim.get(base + "/saml/login/dev?returnTo=/app/whoami");
        String authnRequestId = idp.servlet().lastRequest().getID();
        String forged = "<samlp:LogoutResponse xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_f\" Version=\"2.0\" IssueInstant=\""
                + clock.instant() + "\" InResponseTo=\"" + authnRequestId + "\"><saml:Issuer>" + idp.idp().entityId()
                + "</saml:Issuer><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>"
                + "</samlp:Status></samlp:LogoutResponse>";
        Page page = victim.get(RedirectSigning.url(URI.create(base + "/saml/sls/dev"), "SAMLResponse", forged, null,
                null, null).toString());
        assertThat(page.errorCode()).isEqualTo(ErrorCode.IN_RESPONSE_TO_UNKNOWN.code());
        Page signedIn = victim.submit(idpPage, Map.of("user", "alice"));
        assertThat(signedIn.body()).as("the pending login still works").contains("user=alice@example.com");
    }

    @Test
    void aSameOriginButtonSignsOutWithoutTheToken() {
        Browser alice = new Browser();
        signIn(alice, "dev", "alice");
        Page page = alice.postFrom(base + "/", base + "/saml/logout", Map.of());
        assertThat(page.url().toString()).isEqualTo(base + "/public");
        assertThat(signedIn(alice)).isFalse();
    }

    @Test
    void anotherSiteCannotSignTheUserOut() {
        Browser alice = new Browser();
        signIn(alice, "dev", "alice");
        Page page = alice.postFrom("https://evil.example/page", base + "/saml/logout", Map.of());
        assertThat(page.errorCode()).isEqualTo(ErrorCode.LOGOUT_NOT_SAME_ORIGIN.code());
        SEEN.add(ErrorCode.LOGOUT_NOT_SAME_ORIGIN);
        assertThat(signedIn(alice)).isTrue();
    }

    @Test
    void withoutBrowserOriginHeadersOnlyTheFormTokenSignsOut() throws Exception {
        Browser alice = new Browser();
        signIn(alice, "dev", "alice");
        String token = alice.get(base + "/saml/logout").html().selectFirst("input[name=gatehouse_logout_token]").val();
        String session = "JSESSIONID=" + alice.cookie("JSESSIONID").orElseThrow().value();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> bare = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base
                + "/saml/logout")).header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bare.headers().firstValue("X-Gatehouse-Error")).contains(ErrorCode.LOGOUT_NOT_SAME_ORIGIN.code());
        assertThat(signedIn(alice)).isTrue();
        java.net.http.HttpResponse<String> withToken = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base
                + "/saml/logout")).header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("gatehouse_logout_token=" + token)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location")).get().asString().startsWith(idp.idp().sloUrl()
                .toString());
        assertThat(signedIn(alice)).isFalse();
    }

    @Test
    void withoutAnIdpLogoutEndpointTheLogoutIsLocal() {
        Browser alice = new Browser();
        signIn(alice, "noslo", "alice");
        Object before = idp.servlet().lastLogoutRequest();
        Page page = alice.postFrom(base + "/", base + "/saml/logout", Map.of());
        assertThat(page.url().toString()).isEqualTo(base + "/public");
        assertThat(signedIn(alice)).isFalse();
        assertThat(idp.servlet().lastLogoutRequest()).isSameAs(before);
    }

    @Test
    void theIdpsSessionNotOnOrAfterEndsTheSession() {
        idp.customize(r -> r.at(clock.instant()).sessionNotOnOrAfter(clock.instant().plus(Duration.ofMinutes(30))));
        Browser alice = new Browser();
        signIn(alice, "dev", "alice");
        assertThat(signedIn(alice)).isTrue();
        clock.advance(Duration.ofMinutes(31));
        assertThat(signedIn(alice)).isFalse();
    }

    @Test
    void noSessionOutlivesMaxSessionLifetime() {
        Browser alice = new Browser();
        signIn(alice, "dev", "alice");
        clock.advance(Duration.ofHours(7));
        assertThat(signedIn(alice)).isTrue();
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(signedIn(alice)).isFalse();
    }
}
