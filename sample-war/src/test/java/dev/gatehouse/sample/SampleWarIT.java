package dev.gatehouse.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.SamlSchemas;
import dev.gatehouse.testkit.TestIdpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged sample.war on Jetty 12, configured by a JSON file, driven over HTTP by a browser. */
class SampleWarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoSetup demo;

    @BeforeAll
    static void start() {
        demo = new DemoSetup(0, List.of(TestIdpServer.start(), TestIdpServer.start()), "");
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static Page signIn(Browser browser, Page idpPage, String user) {
        assertThat(idpPage.url().getHost()).isEqualTo("127.0.0.1");
        return browser.submit(idpPage, Map.of("user", user));
    }

    @Test
    void homePageIsPublicAndLinksEveryProvider() {
        Page page = new Browser().get(demo.url("/"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("a.login")).extracting(e -> e.attr("href")).containsExactly(
                "/sample/saml/login/dev?returnTo=/sample/whoami", "/sample/saml/login/dev2?returnTo=/sample/whoami");
    }

    @Test
    void whoamiReturnsTheStableJsonAfterLogin() throws Exception {
        Browser browser = new Browser();
        Page chooser = browser.get(demo.url("/whoami"));
        assertThat(chooser.url().toString()).startsWith(demo.url("/saml/login?returnTo="));
        Page idpPage = browser.get(demo.url("/saml/login/dev?returnTo=/sample/whoami"));
        Page page = signIn(browser, idpPage, "alice");
        assertThat(page.url().toString()).isEqualTo(demo.url("/whoami"));
        JsonNode json = JSON.readTree(page.body());
        assertThat(json.fieldNames()).toIterable().containsExactly("name", "roles", "attributes", "provider",
                "nameId", "nameIdFormat", "sessionIndex");
        assertThat(json.get("name").asText()).isEqualTo("alice@example.com");
        assertThat(json.get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("user", "admin");
        assertThat(json.get("attributes").get("groups")).extracting(JsonNode::asText).containsExactly("admins", "users");
        assertThat(json.get("provider").asText()).isEqualTo("dev");
        assertThat(json.get("nameId").asText()).isEqualTo("alice@example.com");
        assertThat(json.get("nameIdFormat").asText()).isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        assertThat(json.get("sessionIndex").asText()).startsWith("_session-");
        Page home = browser.get(demo.url("/"));
        assertThat(home.html().getElementById("user").text()).isEqualTo("alice@example.com");
        Page signedOut = browser.submit(home, "form:has(#logout)", Map.of());
        assertThat(signedOut.url().toString()).isEqualTo(demo.url("/"));
        assertThat(signedOut.html().getElementById("anonymous")).isNotNull();
        assertThat(demo.idps.get(0).servlet().lastLogoutRequest()).as("the dev IdP has a logout endpoint").isNotNull();
    }

    @Test
    void theChooserLeadsToEitherProvider() {
        Browser browser = new Browser();
        Page chooser = browser.get(demo.url("/whoami"));
        assertThat(chooser.html().select("a.provider")).hasSize(2);
        Page idpPage = browser.get(chooser.html().select("a.provider").get(1).absUrl("href"));
        assertThat(idpPage.url().toString()).startsWith(demo.idps.get(1).baseUrl().toString());
        Page page = signIn(browser, idpPage, "bob");
        assertThat(page.body()).contains("\"provider\":\"dev2\"");
    }

    @Test
    void adminNeedsTheAdminRole() {
        Browser bob = new Browser();
        Page refused = signIn(bob, bob.get(demo.url("/saml/login/dev?returnTo=/sample/admin/")), "bob");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().getElementById("forbidden")).isNotNull();
        Browser alice = new Browser();
        Page allowed = signIn(alice, alice.get(demo.url("/saml/login/dev?returnTo=/sample/admin/")), "alice");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.html().getElementById("admin").text()).contains("alice@example.com");
    }

    @Test
    void metadataIsSchemaValid() {
        Page page = new Browser().get(demo.url("/saml/metadata/dev"));
        assertThat(page.header("content-type")).startsWith("application/samlmetadata+xml");
        SamlSchemas.validateMetadata(page.body());
    }

    @Test
    void aBrokenConfigurationStopsTheWebappWithAMessageNamingTheKey() throws Exception {
        Path broken = Files.createTempFile("gatehouse-broken", ".json");
        Files.writeString(broken, """
                {
                  "externalURL": "%s",
                  "providers": [{"id": "x", "identityProviderMetadataUrl": "https://idp.example/metadata"}]
                }""".formatted(demo.url("")), StandardCharsets.UTF_8);
        WebAppContext webapp = DemoSetup.webapp(broken);
        webapp.setContextPath("/broken");
        try {
            assertThatThrownBy(() -> demo.app.deploy(webapp)).hasStackTraceContaining(
                    "providers[0].identityProviderMetadataUrl: is not a Gatehouse configuration key")
                    .hasStackTraceContaining("did you mean identityProviderMetadataURL?");
            assertThat(new Browser().get(demo.app.baseUrl() + "/broken/whoami").status()).isIn(404, 503);
        } finally {
            demo.app.undeploy(webapp);
            Files.delete(broken);
        }
    }
}
