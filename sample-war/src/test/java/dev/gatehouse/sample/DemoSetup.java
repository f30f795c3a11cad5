package dev.gatehouse.sample;

import dev.gatehouse.testkit.GatehouseJson;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.TestIdpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.webapp.WebAppContext;

/**
 * Runs sample.war on Jetty at {@code http://localhost:{port}/sample} against development IdPs at
 * {@code http://127.0.0.1:{port}/idp}, with a generated Gatehouse JSON configuration. Used by the demo and the
 * integration tests.
 */
final class DemoSetup implements AutoCloseable {

    final List<TestIdpServer> idps;
    final JettyServer app;
    final Path configFile;
    final WebAppContext webapp;

    /**
     * @param appPort the app's port (0: any free one)
     * @param idps the running IdPs; provider ids are dev, dev2, dev3 ...
     * @param extraProviderJson extra JSON members added to every provider entry (may be empty)
     */
    DemoSetup(int appPort, List<TestIdpServer> idps, String extraProviderJson) {
        this.idps = idps;
        this.app = JettyServer.start("localhost", appPort);
        try {
            this.configFile = Files.createTempFile("gatehouse-demo", ".json");
            Files.writeString(configFile, configJson(app.baseUrl() + "/sample", idps, extraProviderJson),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < idps.size(); i++) {
            String id = providerId(i);
            idps.get(i).registerServiceProvider(url("/saml/metadata/" + id), url("/saml/acs/" + id));
        }
        webapp = webapp(configFile);
        app.deploy(webapp);
    }

    static String providerId(int index) {
        return GatehouseJson.providerId(index);
    }

    static WebAppContext webapp(Path configFile) {
        WebAppContext webapp = new WebAppContext(warFile(), "/sample");
        webapp.setInitParameter("gatehouse.configFile", configFile.toString());
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.setTempDirectory(null);
        return webapp;
    }

    static String warFile() {
        String war = System.getProperty("sample.war", "target/sample.war");
        if (!Files.exists(Path.of(war))) {
            throw new IllegalStateException("sample.war not found at " + war + "; run mvn package first");
        }
        return war;
    }

    String url(String path) {
        return app.baseUrl() + "/sample" + path;
    }

    /** The sample's Gatehouse configuration for these IdPs (provider ids dev, dev2, ...). */
    static String configJson(String externalUrl, List<TestIdpServer> idps, String extra) {
        return GatehouseJson.forIdps(externalUrl, idps, extra);
    }

    @Override
    public void close() {
        app.close();
        idps.forEach(TestIdpServer::close);
        try {
            Files.deleteIfExists(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
