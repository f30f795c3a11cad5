package dev.gatehouse.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.SamlSchemas;
import dev.gatehouse.testkit.TestIdpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged sample.war on an embedded Tomcat 11, driven over HTTP. */
class TomcatSampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestIdpServer idp;
    private static Tomcat tomcat;
    private static String base;
    private static Path config;
    private static Path baseDir;

    @BeforeAll
    static void start() throws Exception {
        idp = TestIdpServer.start();
        baseDir = Files.createTempDirectory("tomcat");
        Files.createDirectories(baseDir.resolve("webapps"));
        int port;
        // The externalURL needs the port before the webapp starts; Tomcat starts added webapps at once.
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        base = "http://localhost:" + port + "/sample";
        config = Files.createTempFile("gatehouse-tomcat", ".json");
        Files.writeString(config, DemoSetup.configJson(base, List.of(idp), ""), StandardCharsets.UTF_8);
        idp.registerServiceProvider(base + "/saml/metadata/dev", base + "/saml/acs/dev");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("localhost");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getHost();
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("/sample", Path.of(DemoSetup.warFile()).toAbsolutePath().toString());
        context.addParameter("gatehouse.configFile", config.toString());
        // conf/web.xml of a real Tomcat maps the DefaultServlet to "/"; filters only run for mapped requests.
        Wrapper defaultServlet = context.createWrapper();
        defaultServlet.setName("default");
        defaultServlet.setServletClass("org.apache.catalina.servlets.DefaultServlet");
        context.addChild(defaultServlet);
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
        assertThat(context.getState().isAvailable()).as("sample.war started on Tomcat").isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        idp.close();
        Files.deleteIfExists(config);
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
