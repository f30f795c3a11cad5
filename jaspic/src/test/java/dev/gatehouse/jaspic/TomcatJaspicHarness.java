package dev.gatehouse.jaspic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.GatehouseJson;
import dev.gatehouse.testkit.TestIdpServer;
import dev.gatehouse.testkit.TomcatServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;

/**
 * A webapp at {@code http://localhost:{port}/app} on an embedded Tomcat 11, secured by the container with Gatehouse
 * as its Jakarta Authentication module, and a test IdP on {@code 127.0.0.1} (another site). The webapp is a real
 * directory with a real {@code WEB-INF/web.xml}: {@code /admin/*} needs the role {@code admin}, {@code /whoami} and
 * {@code /logout-local} any signed-in user ({@code **}), {@code /public} nothing.
 */
final class TomcatJaspicHarness implements AutoCloseable {

    /** How Gatehouse is made the webapp's module. */
    enum Registration {
        /** {@link GatehouseJaspicListener} declared in web.xml, configuration from a context-param. */
        LISTENER,
        /** Tomcat's {@code conf/jaspic-providers.xml} naming {@link GatehouseAuthConfigProvider}. */
        PROVIDERS_XML
    }

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              %s
              <servlet><servlet-name>whoami</servlet-name>
                <servlet-class>dev.gatehouse.jaspic.TestServlets$WhoAmI</servlet-class></servlet>
              <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/whoami</url-pattern>
                <url-pattern>/public</url-pattern><url-pattern>/admin/*</url-pattern></servlet-mapping>
              <servlet><servlet-name>logout</servlet-name>
                <servlet-class>dev.gatehouse.jaspic.TestServlets$Logout</servlet-class></servlet>
              <servlet-mapping><servlet-name>logout</servlet-name><url-pattern>/logout-local</url-pattern></servlet-mapping>
              <security-constraint>
                <web-resource-collection><web-resource-name>admin</web-resource-name>
                  <url-pattern>/admin/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>admin</role-name></auth-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection><web-resource-name>signed-in</web-resource-name>
                  <url-pattern>/whoami</url-pattern><url-pattern>/logout-local</url-pattern></web-resource-collection>
                <auth-constraint><role-name>**</role-name></auth-constraint>
              </security-constraint>
              <security-role><role-name>admin</role-name></security-role>
              <security-role><role-name>user</role-name></security-role>
            </web-app>
            """;

    private static final String LISTENER = """
              <context-param><param-name>gatehouse.configFile</param-name><param-value>%s</param-value></context-param>
              <listener><listener-class>dev.gatehouse.jaspic.GatehouseJaspicListener</listener-class></listener>""";

    /** Flat configuration keys as provider properties; {@code name} is passed as a property too, and ignored. */
    private static final String PROVIDERS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jaspic-providers xmlns="http://tomcat.apache.org/xml" version="1.0">
              <provider name="gatehouse" className="dev.gatehouse.jaspic.GatehouseAuthConfigProvider"
                        layer="HttpServlet" appContext="Tomcat/localhost /app" description="Gatehouse SAML">
                <property name="externalURL" value="%s"/>
                <property name="id" value="dev"/>
                <property name="identityProvider.entityId" value="%s"/>
                <property name="identityProvider.ssoUrl" value="%s"/>
                <property name="identityProvider.sloUrl" value="%s"/>
                <property name="identityProvider.certificates" value="%s"/>
                <property name="defaultRoles" value="user"/>
                <property name="roleMapping.admins" value="admin"/>
              </provider>
            </jaspic-providers>
            """;

    final TestIdpServer idp;
    final String base;
    private final TomcatServer tomcat;
    private final Context context;

    TomcatJaspicHarness(Registration registration) throws Exception {
        idp = TestIdpServer.start();
        Path dir = Files.createTempDirectory("gatehouse-jaspic");
        tomcat = TomcatServer.inBaseDir(dir);
        base = tomcat.baseUrl() + "/app";
        Path config = dir.resolve("gatehouse.json");
        Files.writeString(config, GatehouseJson.forIdps(base, List.of(idp), ""), StandardCharsets.UTF_8);
        idp.registerServiceProvider(base + "/saml/metadata/dev", base + "/saml/acs/dev");
        Path webapp = Files.createDirectories(dir.resolve("webapps/app/WEB-INF"));
        Files.writeString(webapp.resolve("web.xml"), WEB_XML.formatted(registration == Registration.LISTENER
                ? LISTENER.formatted(config) : ""), StandardCharsets.UTF_8);
        if (registration == Registration.PROVIDERS_XML) {
            Files.createDirectories(dir.resolve("conf"));
            Files.writeString(dir.resolve("conf/jaspic-providers.xml"), PROVIDERS_XML.formatted(base,
                    idp.idp().entityId(), idp.idp().ssoUrl(), idp.idp().sloUrl(),
                    idp.idp().credential().certificateBase64()), StandardCharsets.UTF_8);
        }
        context = tomcat.addWebapp("/app", dir.resolve("webapps/app"));
        tomcat.start();
        assertThat(context.getState().isAvailable()).as("the webapp started").isTrue();
    }

    /** Reloads the webapp in place, as the Manager's reload or {@code reloadable="true"} does. */
    void reload() {
        context.reload();
        assertThat(context.getState().isAvailable()).as("the webapp restarted").isTrue();
    }

    String url(String path) {
        return base + path;
    }

    @Override
    public void close() {
        tomcat.close();
        idp.close();
    }
}
