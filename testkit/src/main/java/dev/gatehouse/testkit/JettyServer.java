package dev.gatehouse.testkit;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * A real Jetty 12 server on the loopback interface, started empty so that its port is known before the webapps
 * that need it (in their externalURL) are deployed. Close it to stop it.
 */
public final class JettyServer implements AutoCloseable {

    private final Server server;
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();
    private final URI baseUrl;

    private JettyServer(String hostName, int port) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(contexts);
        server.start();
        baseUrl = URI.create("http://" + hostName + ":" + connector.getLocalPort());
    }

    /**
     * Starts a server bound to 127.0.0.1 on a free port, addressed by {@code hostName} ("localhost" or "127.0.0.1":
     * the two are different sites for a browser's SameSite rules).
     */
    public static JettyServer start(String hostName) {
        return start(hostName, 0);
    }

    /** Starts a server on a given port (0 for any free one). */
    public static JettyServer start(String hostName, int port) {
        try {
            return new JettyServer(hostName, port);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Jetty on port " + port, e);
        }
    }

    /** {@code http://host:port}, without trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Adds a context (a ServletContextHandler or WebAppContext) and starts it; rethrows its startup failure. */
    public <T extends Handler> T deploy(T handler) {
        contexts.addHandler(handler);
        try {
            if (!handler.isStarted()) {
                handler.start();
            }
        } catch (Exception e) {
            throw new IllegalStateException("context failed to start: " + e.getMessage(), e);
        }
        return handler;
    }

    /** Deploys one servlet at {@code contextPath} + {@code pathSpec}, e.g. a metadata document for a test. */
    public ServletContextHandler deployServlet(String contextPath, String pathSpec, HttpServlet servlet) {
        ServletContextHandler context = new ServletContextHandler(contextPath);
        context.addServlet(new ServletHolder(servlet), pathSpec);
        return deploy(context);
    }

    /** Stops and removes a context. */
    public void undeploy(Handler handler) {
        try {
            handler.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        contexts.removeHandler(handler);
    }

    /** The Jetty server, for tests that need more. */
    public Server server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
