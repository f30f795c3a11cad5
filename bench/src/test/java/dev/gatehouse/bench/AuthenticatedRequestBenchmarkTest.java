package dev.gatehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bench.SignedInWebapps.Webapp;
import dev.gatehouse.testkit.JettyServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The in-process authenticated-request benchmark measures what it claims: each webapp answers its page through the
 * in-memory connection, on the caller's thread, over one kept-alive connection; the Gatehouse page names the user
 * signed in through the real ACS, and without that session the filter answers with a redirect to the IdP, which
 * the benchmark's per-request check refuses (as it refuses another webapp's page).
 */
class AuthenticatedRequestBenchmarkTest {

    @Test
    void everyWebappAnswersItsPageInProcessAndOnlyTheSignedInSessionReachesGatehousesServlet() throws Exception {
        try (JettyServer server = JettyServer.start("127.0.0.1");
                InProcessClient client = new InProcessClient(server.server())) {
            SignedInWebapps webapps = SignedInWebapps.deploy(server, HttpBench.formBodies(server, 1).get(0));
            for (int i = 0; i < 3; i++) { // the same connection, kept alive
                for (Webapp webapp : Webapp.values()) {
                    assertThat(client.exchange(webapps.rawRequest(webapp))).as(webapp.contextPath)
                            .startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n" + webapp.page);
                }
            }
            String signedIn = webapps.rawRequest(Webapp.GATEHOUSE);
            String anonymous = client.exchange(signedIn.replaceFirst("Cookie: [^\r]*\r\n", ""));
            assertThat(anonymous).startsWith("HTTP/1.1 302 ").contains("Location: " + BenchWebapp.IDP_SSO_URL)
                    .doesNotContain("ada.lovelace");
            String forgedRequest = signedIn.replaceFirst("JSESSIONID=\\w", "JSESSIONID=x");
            assertThat(client.exchange(forgedRequest)).startsWith("HTTP/1.1 302 ").doesNotContain("ada.lovelace");

            byte[] page = Webapp.GATEHOUSE.page.getBytes(StandardCharsets.US_ASCII);
            assertThat(AuthenticatedRequestBenchmark.isPage(client.exchange(ascii(signedIn)), page)).isTrue();
            assertThat(AuthenticatedRequestBenchmark.isPage(client.exchange(ascii(forgedRequest)), page))
                    .as("the IdP redirect").isFalse();
            assertThat(AuthenticatedRequestBenchmark.isPage(client.exchange(ascii(webapps.rawRequest(Webapp.PLAIN))),
                    page)).as("another page").isFalse();
        }
    }

    private static ByteBuffer ascii(String text) {
        return StandardCharsets.US_ASCII.encode(text);
    }

    @Test
    void theBenchmarkSetsUpAndMeasuresEachWebappsPage() throws Exception {
        for (Webapp webapp : Webapp.values()) {
            AuthenticatedRequestBenchmark benchmark = new AuthenticatedRequestBenchmark();
            benchmark.webapp = webapp.parameter();
            benchmark.start();
            try {
                ByteBuffer response = benchmark.request();
                assertThat(StandardCharsets.ISO_8859_1.decode(response).toString()).as(webapp.contextPath)
                        .startsWith("HTTP/1.1 200 ").endsWith(webapp.page);
            } finally {
                benchmark.stop();
            }
        }
    }
}
