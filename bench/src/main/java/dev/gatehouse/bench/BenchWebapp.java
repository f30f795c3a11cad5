package dev.gatehouse.bench;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.PathRules;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.filter.GatehouseFilter;
import dev.gatehouse.testkit.JettyServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The webapps the HTTP benchmarks talk to, on one embedded Jetty 12 bound to 127.0.0.1:
 * <ul>
 *   <li>{@code /app}: the {@link Hello} servlet behind the Gatehouse filter (everything protected but
 *       {@code /public}); its ACS is {@code /app/saml/acs/idp} and trusts the benchmark IdP's certificate;</li>
 *   <li>{@code /bare}: the same servlet without Gatehouse and without sessions;</li>
 *   <li>{@code /plain}: the same servlet without Gatehouse, but it looks up the container session (what any app with
 *       its own login pays), so the filter's own share can be told apart from the container's.</li>
 * </ul>
 */
final class BenchWebapp {

    /** The provider id (the ACS path ends with it). */
    static final String PROVIDER = "idp";
    /** The benchmark IdP's single sign-on URL (nothing listens there: the benchmarks never start a login). */
    static final String IDP_SSO_URL = "https://idp.example.com/sso";

    private BenchWebapp() {
    }

    /** The ACS URL of {@code /app} on a server. */
    static String acs(JettyServer server) {
        return server.baseUrl() + "/app/saml/acs/" + PROVIDER;
    }

    /** The SP entity ID of {@code /app} on a server. */
    static String spEntityId(JettyServer server) {
        return server.baseUrl() + "/app/saml/metadata/" + PROVIDER;
    }

    /**
     * Deploys {@code /app} with the Gatehouse filter in front of {@link Hello}, trusting {@code idpCertificate}
     * (loaded by the caller, so that the start-up measurement does not include the test kit's key loading).
     */
    static ServletContextHandler deployGatehouse(JettyServer server, X509Certificate idpCertificate) {
        ProviderConfig provider = provider(idpCertificate).build();
        GatehouseConfig config = GatehouseConfig.builder().externalUrl(server.baseUrl() + "/app")
                .protectedPaths(new PathRules(List.of("/*"), List.of("/public")))
                .provider(provider).build();
        ServletContextHandler context = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new GatehouseFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Hello(false)), "/hello");
        context.addServlet(new ServletHolder(new Hello(false)), "/public");
        return server.deploy(context);
    }

    /** The benchmark IdP's provider configuration, with every default (also used by {@link GatehousePath}). */
    static ProviderConfig.Builder provider(X509Certificate idpCertificate) {
        return ProviderConfig.builder(PROVIDER).idp(new IdpSource.Fields(Samples.IDP_ENTITY_ID,
                URI.create(IDP_SSO_URL), Binding.HTTP_REDIRECT, null, List.of(idpCertificate)));
    }

    /** Deploys {@link Hello} at {@code /bare}: no filter, no sessions. */
    static ServletContextHandler deployBare(JettyServer server, String contextPath) {
        ServletContextHandler context = new ServletContextHandler(contextPath);
        context.addServlet(new ServletHolder(new Hello(false)), "/hello");
        context.addServlet(new ServletHolder(new Hello(false)), "/public");
        return server.deploy(context);
    }

    /** Deploys {@link Hello} at {@code contextPath}: no filter, but the servlet uses the container session. */
    static ServletContextHandler deployPlainSessions(JettyServer server, String contextPath) {
        ServletContextHandler context = new ServletContextHandler(contextPath, ServletContextHandler.SESSIONS);
        context.addServlet(new ServletHolder(new Hello(true)), "/hello");
        return server.deploy(context);
    }

    /** A small page naming the user, like an app's cheapest page. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final boolean session;

        Hello(boolean session) {
            this.session = session;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = req.getRemoteUser();
            if (session) {
                var s = req.getSession(true);
                user = s.getAttribute("visited") == null ? "new session" : "known session";
                if (s.isNew()) {
                    s.setAttribute("visited", Boolean.TRUE);
                }
            }
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().print("hello " + user + "\n");
        }
    }
}
