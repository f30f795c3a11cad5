package dev.gatehouse.bench;

import dev.gatehouse.bench.SignedInWebapps.Webapp;
import dev.gatehouse.testkit.JettyServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An already-authenticated request, in process: {@code GET /hello} with its session cookie through a real Jetty 12
 * (HTTP parsing, context and servlet dispatch, the container session, the response), by an {@link InProcessClient}
 * whose work runs on the benchmark thread, for each {@link Webapp}: the servlet without Gatehouse and without a
 * session, the same servlet using a container session, and the servlet behind the Gatehouse filter with a user
 * signed in through the real ACS. The Gatehouse filter's cost on a signed-in request is the difference between the
 * last and the others, with none of the socket's, the kernel's or wrk's noise (which hid it in section 2 of
 * BENCHMARKS.md). Every answer is checked to be the webapp's full page (status 200 and the expected body, for
 * Gatehouse the signed-in user's name), so a lost session or a redirect to the IdP fails the run. One thread (the
 * connection is not shared); run in rounds by {@code bench/scripts/request-rounds.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class AuthenticatedRequestBenchmark {

    @Param({"bare", "plain", "gatehouse"})
    public String webapp;

    private JettyServer server;
    private InProcessClient client;
    private ByteBuffer request;
    private byte[] page;

    @Setup
    public void start() throws Exception {
        Webapp measured = Webapp.of(webapp);
        server = JettyServer.start("127.0.0.1");
        SignedInWebapps webapps = SignedInWebapps.deploy(server, HttpBench.formBodies(server, 1).get(0));
        client = new InProcessClient(server.server());
        request = StandardCharsets.US_ASCII.encode(webapps.rawRequest(measured));
        page = measured.page.getBytes(StandardCharsets.US_ASCII);
        request(); // the measured request's own check: throws with the answer unless it is the page
    }

    @TearDown
    public void stop() throws Exception {
        client.close();
        server.close();
    }

    @Benchmark
    public ByteBuffer request() {
        ByteBuffer response = client.exchange(request);
        if (!isPage(response, page)) {
            throw new IllegalStateException("not the page: " + StandardCharsets.ISO_8859_1.decode(response));
        }
        return response;
    }

    /**
     * Whether a response is status 200 ending with {@code page} (Jetty sets Content-Length for such a small page, so
     * nothing follows it); cheap enough to run on every measured request.
     */
    static boolean isPage(ByteBuffer response, byte[] page) {
        int start = response.position();
        int end = response.limit();
        if (end - start < 12 + page.length || response.get(start + 9) != '2' || response.get(start + 10) != '0'
                || response.get(start + 11) != '0') {
            return false;
        }
        for (int i = 0; i < page.length; i++) {
            if (response.get(end - page.length + i) != page[i]) {
                return false;
            }
        }
        return true;
    }
}
