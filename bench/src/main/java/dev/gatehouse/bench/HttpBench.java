package dev.gatehouse.bench;

import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.TestCredential;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The HTTP and one-off benchmarks (driven by {@code bench/scripts/http-bench.sh}; each mode runs in its own JVM).
 *
 * <ul>
 *   <li>{@code serve PORT FILE COUNT}: writes COUNT fresh signed responses for {@code /app}'s ACS to FILE (one form
 *       body per line, for wrk), starts {@link BenchWebapp} on 127.0.0.1:PORT, signs in once to write the session
 *       cookies wrk needs next to FILE, prints {@code ready} and serves until its standard input closes (wrk's
 *       script checks every answer's status: 303 for a login, 200 for a page);</li>
 *   <li>{@code startup gatehouse|bare}: time from deploying the webapp to its first served request, and from JVM
 *       start to it, as one JSON line;</li>
 *   <li>{@code memory SESSIONS}: heap retained by the Gatehouse webapp beyond one with the same servlet and
 *       container sessions enabled, and per authenticated
 *       session beyond a plain container session, as one JSON line (run it with {@code -XX:+UseSerialGC}).</li>
 * </ul>
 */
public final class HttpBench {

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "serve" -> serve(Integer.parseInt(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "startup" -> startup("gatehouse".equals(args[1]));
            case "memory" -> memory(Integer.parseInt(args[1]));
            default -> {
                System.err.println("usage: HttpBench serve PORT FILE COUNT | startup gatehouse|bare | memory N");
                System.exit(2);
            }
        }
    }

    private static void serve(int port, Path file, int count) throws Exception {
        try (JettyServer server = JettyServer.start("127.0.0.1", port)) {
            SignedInWebapps webapps = SignedInWebapps.deploy(server, writeBodies(server, file, count));
            Files.writeString(Path.of(file + ".app-cookie"), webapps.cookie(SignedInWebapps.Webapp.GATEHOUSE));
            Files.writeString(Path.of(file + ".plain-cookie"), webapps.cookie(SignedInWebapps.Webapp.PLAIN));
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the script closes our standard input
            }
        }
    }

    /**
     * Writes {@code count} form bodies to {@code file} for wrk and returns one more for the server's own login; the
     * rest are not kept, so the served heap does not hold hundreds of megabytes of responses during the runs.
     */
    private static String writeBodies(JettyServer server, Path file, int count) throws IOException {
        List<String> bodies = formBodies(server, count + 1);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (String body : bodies.subList(1, bodies.size())) {
                out.write(body);
                out.write('\n');
            }
        }
        return bodies.get(0);
    }

    private static void startup(boolean gatehouse) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        // A real webapp reads its IdP certificate from its configuration; the test kit's key loading (which also
        // initialises JCA) must not be counted as Gatehouse's start-up.
        X509Certificate idpCertificate = TestCredential.idpSigning().certificate();
        try (JettyServer server = JettyServer.start("127.0.0.1", 0)) {
            long deployStart = System.nanoTime();
            if (gatehouse) {
                BenchWebapp.deployGatehouse(server, idpCertificate);
            } else {
                BenchWebapp.deployBare(server, "/app");
            }
            long deployed = System.nanoTime();
            HttpResponse<String> first = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/app/public")).build(), HttpResponse.BodyHandlers.ofString());
            long served = System.nanoTime();
            if (first.statusCode() != 200) {
                throw new IllegalStateException("first request answered " + first.statusCode());
            }
            System.out.printf(Locale.ROOT, "{\"webapp\":\"%s\",\"deployMs\":%.1f,\"deployToFirstResponseMs\":%.1f,"
                    + "\"jvmStartToFirstResponseMs\":%d}%n", gatehouse ? "gatehouse" : "bare",
                    (deployed - deployStart) / 1e6, (served - deployStart) / 1e6,
                    System.currentTimeMillis() - jvmStart);
        }
    }

    private static void memory(int sessions) throws Exception {
        X509Certificate idpCertificate = TestCredential.idpSigning().certificate();
        try (JettyServer server = JettyServer.start("127.0.0.1", 0)) {
            // The webapps are measured before anything else touches OpenSAML: its registries, which Gatehouse
            // initialises, count as retained by Gatehouse.
            BenchWebapp.deployBare(server, "/warm");
            get(server.baseUrl() + "/warm/hello", null);
            long start = usedHeapAfterGc();
            // The baseline has session support too, so that Jetty's session machinery is not counted as Gatehouse's.
            BenchWebapp.deployPlainSessions(server, "/bare");
            sessionCookie(server.baseUrl() + "/bare/hello");
            long bare = usedHeapAfterGc();
            BenchWebapp.deployGatehouse(server, idpCertificate);
            get(server.baseUrl() + "/app/public", null);
            long gatehouse = usedHeapAfterGc();
            List<String> bodies = formBodies(server, sessions);
            BenchWebapp.deployPlainSessions(server, "/plain");
            sessionCookie(server.baseUrl() + "/plain/hello");
            long beforePlain = usedHeapAfterGc();
            for (int i = 0; i < sessions; i++) {
                sessionCookie(server.baseUrl() + "/plain/hello");
            }
            long plain = usedHeapAfterGc();
            for (String body : bodies) {
                login(server, body);
            }
            long signedIn = usedHeapAfterGc();
            System.out.printf(Locale.ROOT, "{\"baselineWebappBytes\":%d,\"gatehouseWebappBytes\":%d,"
                    + "\"retainedByGatehouseBytes\":%d,\"plainSessionBytes\":%d,\"authenticatedSessionBytes\":%d,"
                    + "\"gatehousePerSessionBytes\":%d,\"sessions\":%d}%n",
                    bare - start, gatehouse - bare, (gatehouse - bare) - (bare - start),
                    (plain - beforePlain) / sessions, (signedIn - plain) / sessions,
                    (signedIn - plain) / sessions - (plain - beforePlain) / sessions, sessions);
            // the bodies are in both the "plain" and the "signed in" heap: keep them reachable until both are taken
            Reference.reachabilityFence(bodies);
        }
    }

    /** Form bodies for wrk and the in-process client: fresh responses, the bounce marker, URL-encoded. */
    static List<String> formBodies(JettyServer server, int count) {
        String acs = BenchWebapp.acs(server);
        String sp = BenchWebapp.spEntityId(server);
        int threads = Runtime.getRuntime().availableProcessors();
        List<List<String>> parts = IntStream.range(0, threads).parallel()
                .mapToObj(t -> Samples.responses(Samples.Variant.ASSERTION_SIGNED, count / threads
                        + (t < count % threads ? 1 : 0), acs, sp)).toList();
        List<String> bodies = new ArrayList<>(count);
        for (List<String> part : parts) {
            for (String base64 : part) {
                bodies.add("SAMLResponse=" + URLEncoder.encode(base64, StandardCharsets.US_ASCII)
                        + "&gatehouse_bounce=1");
            }
        }
        return bodies;
    }

    /** Posts one form body to the ACS, as wrk does. */
    static HttpResponse<String> postToAcs(JettyServer server, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(BenchWebapp.acs(server)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts one response to the ACS and returns the session cookie it establishes (it answers 303 See Other). */
    static String login(JettyServer server, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = postToAcs(server, body);
        if (answer.statusCode() != 303) {
            throw new IllegalStateException("the ACS refused a benchmark response (" + answer.statusCode() + "): "
                    + answer.body());
        }
        return cookie(answer);
    }

    static String sessionCookie(String url) throws IOException, InterruptedException {
        return cookie(CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static String cookie(HttpResponse<?> answer) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie from " + answer.uri()));
    }

    static String get(String url, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            long now = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    now += pool.getUsage().getUsed();
                }
            }
            used = Math.min(used, now);
        }
        return used;
    }
}
