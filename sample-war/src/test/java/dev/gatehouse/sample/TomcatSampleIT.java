package dev.gatehouse.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.SamlSchemas;
import dev.gatehouse.testkit.TestIdpServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged sample.war on an embedded Tomcat 11, driven over HTTP. */
class TomcatSampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TomcatSample sample;
    private static TestIdpServer idp;
    private static String base;

    @BeforeAll
    static void start() {
        sample = new TomcatSample(Path.of(DemoSetup.warFile()), "/sample");
        idp = sample.idp;
        base = sample.base;
    }

    @AfterAll
    static void stop() throws Exception {
        sample.close();
    }

    @Test
    void signsInAndReturnsTheWhoamiJson() throws Exception {
        Browser browser = new Browser();
        Page idpPage = browser.get(base + "/whoami");
        assertThat(idpPage.url().toString()).startsWith(idp.baseUrl() + "/sso");
        Page page = browser.submit(idpPage, Map.of("user", "alice"));
        assertThat(page.url().toString()).isEqualTo(base + "/whoami");
        JsonNode json = JSON.readTree(page.body());
        assertThat(json.get("name").asText()).isEqualTo("alice@example.com");
        assertThat(json.get("roles")).extracting(JsonNode::asText).contains("admin");
        assertThat(json.get("provider").asText()).isEqualTo("dev");
    }

    @Test
    void refusesANonAdminAtAdmin() {
        Browser browser = new Browser();
        Page page = browser.submit(browser.get(base + "/saml/login/dev?returnTo=/sample/admin/"), Map.of("user", "bob"));
        assertThat(page.status()).isEqualTo(403);
    }

    @Test
    void servesSchemaValidMetadataAndTypedErrors() {
        Page metadata = new Browser().get(base + "/saml/metadata/dev");
        assertThat(metadata.header("content-type")).startsWith("application/samlmetadata+xml");
        SamlSchemas.validateMetadata(metadata.body());
        Browser browser = new Browser();
        Page forged = browser.postFrom(idp.baseUrl().toString(), base + "/saml/acs/dev",
                Map.of("SAMLResponse", idp.idp().response().to(base + "/saml/acs/dev", "https://other-sp.example")
                        .base64()));
        assertThat(forged.errorCode()).isEqualTo("audience_mismatch");
        assertThat(forged.status()).isEqualTo(403);
    }
}
