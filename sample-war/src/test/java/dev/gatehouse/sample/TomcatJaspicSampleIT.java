package dev.gatehouse.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.TestIdpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged sample-jaspic.war on an embedded Tomcat 11: the same sample, secured by the container (web.xml
 * security constraints) with Gatehouse as its Jakarta Authentication module, registered by the listener in its
 * web.xml, with the same configuration file as the filter-mode sample.
 */
class TomcatJaspicSampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TomcatSample sample;
    private static TestIdpServer idp;
    private static String base;

    static Path warFile() {
        Path war = Path.of(System.getProperty("sample.jaspic.war", "target/sample-jaspic.war"));
        assertThat(war).as("sample-jaspic.war; run mvn package first").exists();
        return war;
    }

    @BeforeAll
    static void start() {
        sample = new TomcatSample(warFile(), "/sample-jaspic");
        idp = sample.idp;
        base = sample.base;
    }

    @AfterAll
    static void stop() throws Exception {
        sample.close();
    }

    @Test
    void theWarShipsTheJakartaAuthenticationModuleAndNotTheFilter() throws Exception {
        try (ZipFile war = new ZipFile(warFile().toFile())) {
            List<String> libs = war.stream().map(ZipEntry::getName).filter(n -> n.startsWith("WEB-INF/lib/"))
                    .map(n -> n.substring("WEB-INF/lib/".length())).toList();
            assertThat(libs).anyMatch(n -> n.startsWith("gatehouse-jaspic-")).noneMatch(n -> n.startsWith(
                    "gatehouse-filter-")).noneMatch(n -> n.startsWith("gatehouse-testkit"))
                    .noneMatch(n -> n.startsWith("jakarta.authentication-api"));
        }
    }

    @Test
    void theContainerSendsTheBrowserToTheIdpAndKnowsTheUserAndRoles() throws Exception {
        Browser browser = new Browser();
        Page idpPage = browser.get(base + "/whoami");
        assertThat(idpPage.url().toString()).startsWith(idp.baseUrl() + "/sso");
        Page page = browser.submit(idpPage, Map.of("user", "alice"));
        assertThat(page.url().toString()).isEqualTo(base + "/whoami");
        JsonNode json = JSON.readTree(page.body());
        assertThat(json.get("name").asText()).isEqualTo("alice@example.com");
        assertThat(json.get("roles")).extracting(JsonNode::asText).contains("admin", "user");
        assertThat(browser.get(base + "/admin/").body()).contains("Welcome, alice@example.com");
    }

    @Test
    void theSecurityConstraintRefusesANonAdmin() {
        Browser browser = new Browser();
        Page page = browser.submit(browser.get(base + "/admin/"), Map.of("user", "bob"));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("Welcome");
    }

    @Test
    void theHomePageIsPublic() {
        Page home = new Browser().get(base + "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.url().toString()).startsWith(base);
    }
}
