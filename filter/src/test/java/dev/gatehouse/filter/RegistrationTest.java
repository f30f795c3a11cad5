package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.Page;
import dev.gatehouse.testkit.TestIdpServer;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways a webapp gets the filter: zero-code initializer, web.xml with a file, web.xml init-params only. */
class RegistrationTest {

    private static TestIdpServer idp;
    private static JettyServer app;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        idp = TestIdpServer.start();
        app = JettyServer.start("localhost");
    }

    @AfterAll
    static void stop() {
        app.close();
        idp.close();
    }

    private String url(String context, String path) {
        return app.baseUrl() + context + path;
    }

    private Path configFile(String context) throws Exception {
        String externalUrl = app.baseUrl() + context;
        idp.registerServiceProvider(externalUrl + "/saml/metadata/default", externalUrl + "/saml/acs/default");
        Path file = dir.resolve("gatehouse" + context.replace('/', '-') + ".json");
        Files.writeString(file, """
                {
                  "externalURL": "%s",
                  "protectedPaths": {"exclude": ["/public"]},
                  "providers": [{"identityProviderMetadataURL": "%s", "roleMapping": {"admins": ["admin"]}}]
                }""".formatted(externalUrl, idp.metadataUrl()), StandardCharsets.UTF_8);
        return file;
    }

    private WebAppContext webapp(String context, String webXmlFilter) throws Exception {
        Path root = dir.resolve("webapp" + context.replace('/', '-'));
        Files.createDirectories(root.resolve("WEB-INF"));
        Files.writeString(root.resolve("WEB-INF/web.xml"), """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">%s</web-app>""".formatted(webXmlFilter));
        WebAppContext webapp = new WebAppContext(root.toString(), context);
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.setParentLoaderPriority(true);
        FilterHarness.addServlets(webapp);
        return webapp;
    }

    private Page login(String context) {
        Browser browser = new Browser();
        Page idpPage = browser.get(url(context, "/whoami"));
        assertThat(idpPage.url().toString()).startsWith(idp.baseUrl() + "/sso");
        return browser.submit(idpPage, Map.of("user", "alice"));
    }

    @Test
    void zeroCodeRegistrationActivatesWhenAConfigurationIsNamed() throws Exception {
        WebAppContext webapp = webapp("/zero", "");
        webapp.setInitParameter("gatehouse.configFile", configFile("/zero").toString());
        app.deploy(webapp);
        try {
            assertThat(webapp.getServletHandler().getFilters()).extracting(FilterHolder::getName)
                    .containsExactly(GatehouseInitializer.FILTER_NAME);
            assertThat(login("/zero").body()).contains("user=alice@example.com", "admin=true");
            assertThat(new Browser().get(url("/zero", "/public")).status()).isEqualTo(200);
        } finally {
            app.undeploy(webapp);
        }
    }

    @Test
    void zeroCodeRegistrationStaysOutWithoutConfiguration() throws Exception {
        WebAppContext webapp = webapp("/none", "");
        app.deploy(webapp);
        try {
            assertThat(webapp.getServletHandler().getFilters()).isEmpty();
            assertThat(new Browser().get(url("/none", "/whoami")).body()).contains("user=null");
        } finally {
            app.undeploy(webapp);
        }
    }

    @Test
    void aFilterDeclaredInWebXmlIsNotRegisteredTwice() throws Exception {
        WebAppContext webapp = webapp("/declared", """
                <filter><filter-name>sso</filter-name>
                  <filter-class>dev.gatehouse.filter.GatehouseFilter</filter-class></filter>
                <filter-mapping><filter-name>sso</filter-name><url-pattern>/*</url-pattern></filter-mapping>""");
        webapp.setInitParameter("gatehouse.configFile", configFile("/declared").toString());
        app.deploy(webapp);
        try {
            assertThat(webapp.getServletHandler().getFilters()).extracting(FilterHolder::getName).containsExactly("sso");
            assertThat(login("/declared").body()).contains("user=alice@example.com");
        } finally {
            app.undeploy(webapp);
        }
    }

    @Test
    void webXmlInitParamsAloneDescribeTheIdp() {
        String externalUrl = app.baseUrl() + "/params";
        idp.registerServiceProvider(externalUrl + "/saml/metadata/default", externalUrl + "/saml/acs/default");
        ServletContextHandler context = new ServletContextHandler("/params", ServletContextHandler.SESSIONS);
        FilterHolder holder = new FilterHolder(GatehouseFilter.class);
        holder.setInitParameter("externalURL", externalUrl);
        holder.setInitParameter("identityProvider.entityId", idp.idp().entityId());
        holder.setInitParameter("identityProvider.ssoUrl", idp.idp().ssoUrl().toString());
        holder.setInitParameter("identityProvider.certificates", idp.idp().credential().certificatePem());
        holder.setInitParameter("protectedPaths.exclude", "/public");
        holder.setInitParameter("roleMapping.admins", "admin, auditor");
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHarness.addServlets(context);
        app.deploy(context);
        try {
            assertThat(login("/params").body()).contains("user=alice@example.com", "admin=true");
        } finally {
            app.undeploy(context);
        }
    }

    @Test
    void aConfigurationErrorStopsTheWebappAndNamesTheInitParam() {
        ServletContextHandler context = new ServletContextHandler("/broken", ServletContextHandler.SESSIONS);
        FilterHolder holder = new FilterHolder(GatehouseFilter.class);
        holder.setInitParameter("externalURL", app.baseUrl() + "/broken/");
        holder.setInitParameter("identityProviderMetadataURL", "http://idp.example/md");
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        try {
            assertThatThrownBy(() -> app.deploy(context))
                    .hasStackTraceContaining("init-param externalURL: externalURL [" + app.baseUrl()
                            + "/broken/] must not end with '/'")
                    .hasStackTraceContaining("init-param identityProviderMetadataURL: [http://idp.example/md] uses "
                            + "plain http");
        } finally {
            app.undeploy(context);
        }
    }

    @Test
    void withoutAnyConfigurationTheErrorListsWhereToPutIt() {
        ServletContextHandler context = new ServletContextHandler("/empty");
        context.addFilter(new FilterHolder(GatehouseFilter.class), "/*", EnumSet.of(DispatcherType.REQUEST));
        try {
            assertThatThrownBy(() -> app.deploy(context)).hasStackTraceContaining("no Gatehouse configuration was found")
                    .hasStackTraceContaining("gatehouse.configFile").hasStackTraceContaining("GATEHOUSE_CONFIG");
        } finally {
            app.undeploy(context);
        }
    }
}
