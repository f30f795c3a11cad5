package dev.gatehouse.filter;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.config.PathRules;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.config.RoleMapping;
import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.TestIdpServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A webapp at {@code http://localhost:{port}/app} protected by the Gatehouse filter, and its IdP(s) on
 * {@code 127.0.0.1} (another site). {@code /public} is open, everything else protected (the root serves the same
 * page, protected); {@code /whoami} prints the request's view of the user, {@code /admin} requires the role
 * {@code admin} (from the IdP group {@code admins}).
 */
final class FilterHarness implements AutoCloseable {

    final TestIdpServer idp;
    final JettyServer app;
    final GatehouseConfig config;
    final ServletContextHandler context;

    FilterHarness() {
        this(UnaryOperator.identity());
    }

    FilterHarness(UnaryOperator<ProviderConfig.Builder> provider) {
        this((builder, server) -> provider.apply(builder));
    }

    /** A harness whose provider configuration may use the started IdP server (its entity ID, its URLs). */
    FilterHarness(BiFunction<ProviderConfig.Builder, TestIdpServer, ProviderConfig.Builder> provider) {
        idp = TestIdpServer.start();
        app = JettyServer.start("localhost");
        config = GatehouseConfig.builder().externalUrl(app.baseUrl() + "/app")
                .protectedPaths(new PathRules(List.of("/*"), List.of("/public")))
                .provider(provider.apply(providerFor("dev", idp), idp).build()).build();
        registerAt(idp, "dev");
        context = deploy(config);
    }

    static ProviderConfig.Builder providerFor(String id, TestIdpServer server) {
        return ProviderConfig.builder(id).displayName("IdP " + id)
                .idp(new IdpSource.Fields(server.idp().entityId(), server.idp().ssoUrl(), Binding.HTTP_REDIRECT, null,
                        List.of(server.idp().credential().certificate())))
                .roles(new RoleMapping(List.of("user"), Map.of("admins", List.of("admin")), false));
    }

    void registerAt(TestIdpServer server, String providerId) {
        server.registerServiceProvider(spEntityId(providerId), acs(providerId));
    }

    ServletContextHandler deploy(GatehouseConfig gatehouse) {
        ServletContextHandler handler = new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
        handler.addFilter(new FilterHolder(new GatehouseFilter(gatehouse)), "/*", EnumSet.of(DispatcherType.REQUEST));
        addServlets(handler);
        return app.deploy(handler);
    }

    static void addServlets(ServletContextHandler handler) {
        handler.addServlet(new ServletHolder(new WhoAmI()), "/whoami");
        handler.addServlet(new ServletHolder(new PublicPage()), "/public");
        handler.addServlet(new ServletHolder(new PublicPage()), "");
        handler.addServlet(new ServletHolder(new Admin()), "/admin/*");
    }

    String url(String path) {
        return app.baseUrl() + "/app" + path;
    }

    String acs(String providerId) {
        return url("/saml/acs/" + providerId);
    }

    String spEntityId(String providerId) {
        return url("/saml/metadata/" + providerId);
    }

    /**
     * Sends only the headers of a 10 MB form post (and a few body bytes) over a raw socket and returns the response
     * head: the ACS must answer without waiting for the body.
     */
    static String announcedTenMegabytes(String acs) {
        URI url = URI.create(acs);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", url.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (10 * 1024 * 1024)
                    + "\r\nConnection: close\r\n\r\nSAMLResponse=AAAA";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readNBytes(2048);
            return new String(answer, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        idp.close();
    }

    /** Prints what the servlet API says about the user, one {@code key=value} per line. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print("user=" + req.getRemoteUser() + "\nprincipal=" + req.getUserPrincipal()
                    + "\nauthType=" + req.getAuthType() + "\nadmin=" + req.isUserInRole("admin")
                    + "\nuserRole=" + req.isUserInRole("user") + "\nsession=" + req.getSession().getId()
                    + "\nquery=" + req.getQueryString() + "\n");
            if (req.getUserPrincipal() instanceof dev.gatehouse.identity.GatehousePrincipal p) {
                resp.getWriter().print("sessionIndex=" + p.sessionIndex() + "\nemail=" + p.email() + "\nfirstName="
                        + p.firstName() + "\nlastName=" + p.lastName() + "\ngroups=" + p.groups() + "\nroles="
                        + p.roles() + "\nuserId=" + p.userId() + "\naccountId=" + p.accountId() + "\n");
            } else {
                resp.getWriter().print("sessionIndex=null\n");
            }
        }
    }

    /** An open page that creates a session and prints its id, user, note and attribute names. */
    static final class PublicPage extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            if (req.getParameter("note") != null) {
                req.getSession(true).setAttribute("note", req.getParameter("note"));
            }
            var session = req.getSession(true);
            resp.getWriter().print("session=" + session.getId() + "\nuser=" + req.getRemoteUser()
                    + "\nnote=" + session.getAttribute("note") + "\nattributes="
                    + java.util.Collections.list(session.getAttributeNames()) + "\n");
        }
    }

    /** Needs the role admin. */
    static final class Admin extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!req.isUserInRole("admin")) {
                resp.sendError(403);
                return;
            }
            resp.setContentType("text/plain");
            resp.getWriter().print("admin area for " + req.getRemoteUser());
        }
    }
}
