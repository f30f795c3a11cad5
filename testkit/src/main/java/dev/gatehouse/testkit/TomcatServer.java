package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat 11 on {@code localhost} (bound to 127.0.0.1) with a port chosen before it starts, because a
 * webapp's Gatehouse {@code externalURL} needs it. Webapps are added as a real Tomcat deploys them (web.xml, with the
 * DefaultServlet mapped to {@code /} as {@code conf/web.xml} does), then {@link #start()}. The caller's module must
 * have {@code tomcat-embed-core} on its test class path. Close it to stop it.
 */
public final class TomcatServer implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final int port;
    private final Path baseDir;

    private TomcatServer(Path baseDir) {
        this.baseDir = baseDir;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("localhost");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getHost().setAppBase(baseDir.resolve("webapps").toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
    }

    /** A server (not started yet) whose {@code catalina.base} is {@code baseDir} (its {@code conf/} is read). */
    public static TomcatServer inBaseDir(Path baseDir) {
        try {
            Files.createDirectories(baseDir.resolve("webapps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TomcatServer(baseDir);
    }

    /** {@code http://localhost:{port}}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Adds a webapp (a WAR file or an exploded directory) at {@code contextPath}. */
    public Context addWebapp(String contextPath, Path warOrDirectory) {
        Context context = tomcat.addWebapp(contextPath, warOrDirectory.toAbsolutePath().toString());
        // conf/web.xml of a real Tomcat maps the DefaultServlet to "/"; filters only run for mapped requests.
        Wrapper defaultServlet = context.createWrapper();
        defaultServlet.setName("default");
        defaultServlet.setServletClass("org.apache.catalina.servlets.DefaultServlet");
        context.addChild(defaultServlet);
        context.addServletMappingDecoded("/", "default");
        return context;
    }

    /** Starts the server and its webapps. */
    public void start() {
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
    }

    /** The catalina.base directory. */
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
