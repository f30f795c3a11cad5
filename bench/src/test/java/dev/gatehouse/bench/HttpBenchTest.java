package dev.gatehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.TestCredential;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTTP benchmark measures real logins and real signed-in requests: the pre-generated form bodies sign a user in
 * through the filter's ACS on a real Jetty, the session then reaches the protected servlet, a replayed body is
 * refused with a status wrk counts as a failure (so http-bench.sh notices a run that ran out of fresh responses),
 * and the comparison webapps answer the same page.
 */
class HttpBenchTest {

    @Test
    void formBodiesSignInOnceAndTheSessionReachesTheProtectedServlet() throws Exception {
        try (JettyServer server = JettyServer.start("127.0.0.1")) {
            BenchWebapp.deployGatehouse(server, TestCredential.idpSigning().certificate());
            BenchWebapp.deployBare(server, "/bare");
            BenchWebapp.deployPlainSessions(server, "/plain");
            List<String> bodies = HttpBench.formBodies(server, 2);
            assertThat(bodies).hasSize(2).doesNotHaveDuplicates();

            String cookie = HttpBench.login(server, bodies.get(0));
            assertThat(HttpBench.get(server.baseUrl() + "/app/hello", cookie))
                    .isEqualTo("hello ada.lovelace@example.com\n");
            assertThat(HttpBench.postToAcs(server, bodies.get(0)).statusCode()).as("a replay").isBetween(400, 499);
            assertThatThrownBy(() -> HttpBench.get(server.baseUrl() + "/app/hello", null))
                    .as("without the session the filter sends the browser to the IdP").hasMessageContaining("302");
            assertThat(HttpBench.get(server.baseUrl() + "/bare/hello", null)).isEqualTo("hello null\n");
            assertThat(HttpBench.get(server.baseUrl() + "/plain/hello", null)).isEqualTo("hello new session\n");
            assertThat(HttpBench.login(server, bodies.get(1))).isNotEqualTo(cookie);
        }
    }
}
