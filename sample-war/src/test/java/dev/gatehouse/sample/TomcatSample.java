package dev.gatehouse.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.TestIdpServer;
import dev.gatehouse.testkit.TomcatServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;

/**
 * A packaged sample WAR deployed on an embedded Tomcat 11 at {@code contextPath}, with a development IdP and the
 * sample configuration file named by the context-param {@code gatehouse.configFile}, as an admin would deploy it.
 */
final class TomcatSample implements AutoCloseable {

    final TestIdpServer idp;
    final String base;
    private final TomcatServer tomcat;
    private final Path config;

    TomcatSample(Path war, String contextPath) {
        idp = TestIdpServer.start();
        try {
            tomcat = TomcatServer.inBaseDir(Files.createTempDirectory("tomcat"));
            base = tomcat.baseUrl() + contextPath;
            config = Files.createTempFile("gatehouse-tomcat", ".json");
            Files.writeString(config, DemoSetup.configJson(base, List.of(idp), ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        idp.registerServiceProvider(base + "/saml/metadata/dev", base + "/saml/acs/dev");
        Context context = tomcat.addWebapp(contextPath, war);
        context.addParameter("gatehouse.configFile", config.toString());
        tomcat.start();
        assertThat(context.getState().isAvailable()).as(war.getFileName() + " started on Tomcat").isTrue();
    }

    @Override
    public void close() throws IOException {
        tomcat.close();
        idp.close();
        Files.deleteIfExists(config);
    }
}
