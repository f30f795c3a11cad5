package dev.gatehouse.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;

/**
 * One keep-alive HTTP/1.1 connection into a running Jetty without a socket: an in-memory end point with the
 * server's own HTTP connection on it, whose work runs on the caller's thread. A request is its raw bytes; Jetty
 * parses them, runs its handlers, the webapp's filters and servlet and writes the response, all before
 * {@link #exchange} returns. So a benchmark thread measures the server's whole work on one request and nothing
 * else: no kernel, no load generator and no thread hand-off, which on this machine are most of a socket request's
 * cost and most of its noise (BENCHMARKS.md, section 2). That makes the base cheaper, so any fixed cost the filter
 * adds is a larger share of it than over a socket.
 *
 * <p>Jetty's {@code LocalConnector} is not used as is: it hands every request to a server thread and grows a
 * fresh 32 KB output buffer per response, which cost a quarter of a request in a profile, and would be measured as
 * part of each webapp's work. Not thread-safe: one client per benchmark thread.
 */
final class InProcessClient implements AutoCloseable {

    /** Room for the benchmarks' responses (headers and a one-line page are a few hundred bytes). */
    private static final int OUTPUT_BYTES = 2048;

    private final ByteArrayEndPoint endPoint;

    /** Opens a connection through the server's first connector (its HTTP configuration, buffers and handlers). */
    InProcessClient(Server server) {
        Connector connector = server.getConnectors()[0];
        this.endPoint = new ByteArrayEndPoint(connector.getScheduler(), 30_000, null, OUTPUT_BYTES, false) {
            @Override
            protected void execute(Runnable task) {
                task.run();
            }
        };
        Connection connection = connector.getDefaultConnectionFactory().newConnection(connector, endPoint);
        endPoint.setConnection(connection);
        connection.onOpen();
    }

    /**
     * Sends one request and returns its whole response (status line, headers, body). Throws if there is no
     * response when Jetty hands the thread back, that is, if the request's work was not done on this thread.
     */
    ByteBuffer exchange(ByteBuffer request) {
        endPoint.addInputAndExecute(request.duplicate());
        ByteBuffer response = endPoint.takeOutput();
        if (!response.hasRemaining()) {
            throw new IllegalStateException("no response on the caller's thread");
        }
        return response;
    }

    /** {@link #exchange} with text in and out (ISO-8859-1, as HTTP's head is). */
    String exchange(String request) {
        return StandardCharsets.ISO_8859_1.decode(exchange(StandardCharsets.ISO_8859_1.encode(request))).toString();
    }

    @Override
    public void close() {
        endPoint.close();
    }
}
