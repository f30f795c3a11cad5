package dev.gatehouse.testkit;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The development IdP running on its own Jetty server at {@code http://127.0.0.1:{port}/idp}: a different site than
 * an SP on {@code localhost}, so every login crosses sites as it does in production.
 */
public final class TestIdpServer implements AutoCloseable {

    private final JettyServer jetty;
    private final TestIdp idp;
    private final TestIdpServlet servlet;

    private TestIdpServer(int port, List<TestUser> users) {
        jetty = JettyServer.start("127.0.0.1", port);
        URI base = URI.create(jetty.baseUrl() + "/idp");
        idp = TestIdp.create(base + "/metadata", URI.create(base + "/sso"));
        servlet = new TestIdpServlet(idp, users);
        ServletContextHandler context = new ServletContextHandler("/idp");
        context.addServlet(new ServletHolder(servlet), "/*");
        jetty.deploy(context);
    }

    /** An IdP with alice (admins) and bob (users) on a free port. */
    public static TestIdpServer start() {
        return start(0, List.of(TestUser.alice(), TestUser.bob()));
    }

    /** An IdP with these users on a port (0 for any free one). */
    public static TestIdpServer start(int port, List<TestUser> users) {
        return new TestIdpServer(port, users);
    }

    public TestIdp idp() {
        return idp;
    }

    /** {@code http://127.0.0.1:{port}/idp}. */
    public URI baseUrl() {
        return URI.create(jetty.baseUrl() + "/idp");
    }

    /** The URL of the IdP metadata. */
    public URI metadataUrl() {
        return URI.create(baseUrl() + "/metadata");
    }

    /** Trusts an SP. */
    public TestIdpServer registerServiceProvider(String entityId, String acsUrl) {
        servlet.registerServiceProvider(entityId, acsUrl);
        return this;
    }

    /** Changes every response from now on; null restores the defaults. */
    public void customize(Consumer<ResponseBuilder> customizer) {
        servlet.customize(customizer);
    }

    /** The servlet, for inspecting the last AuthnRequest. */
    public TestIdpServlet servlet() {
        return servlet;
    }

    @Override
    public void close() {
        jetty.close();
    }
}
