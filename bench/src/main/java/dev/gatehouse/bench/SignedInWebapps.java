package dev.gatehouse.bench;

import dev.gatehouse.testkit.JettyServer;
import dev.gatehouse.testkit.TestCredential;
import java.util.Locale;

/**
 * The three {@link BenchWebapp}s deployed on one server, with a user signed in to {@code /app} through its real ACS
 * over HTTP and a container session open on {@code /plain}: what the authenticated-request benchmarks (wrk over a
 * socket, {@link AuthenticatedRequestBenchmark} in process) send their requests to. Each webapp's page is checked to
 * answer what it should before anything is measured.
 */
final class SignedInWebapps {

    /** A webapp the benchmarks compare: its context path and the page it answers to a signed-in request. */
    enum Webapp {
        /** The servlet without Gatehouse and without sessions. */
        BARE("/bare", "hello null\n"),
        /** The servlet without Gatehouse, using a container session. */
        PLAIN("/plain", "hello known session\n"),
        /** The servlet behind the Gatehouse filter, signed in. */
        GATEHOUSE("/app", "hello ada.lovelace@example.com\n");

        final String contextPath;
        final String page;

        Webapp(String contextPath, String page) {
            this.contextPath = contextPath;
            this.page = page;
        }

        /** The benchmark's parameter value: the name in lower case. */
        String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Webapp of(String parameter) {
            return valueOf(parameter.toUpperCase(Locale.ROOT));
        }
    }

    private final JettyServer server;
    private final String appCookie;
    private final String plainCookie;

    private SignedInWebapps(JettyServer server, String appCookie, String plainCookie) {
        this.server = server;
        this.appCookie = appCookie;
        this.plainCookie = plainCookie;
    }

    /**
     * Deploys the three webapps on {@code server}, signs in to {@code /app} with {@code loginBody} (a form body from
     * {@link HttpBench#formBodies}) and opens a session on {@code /plain}; throws unless each page answers as the
     * signed-in user, the known session and no user.
     */
    static SignedInWebapps deploy(JettyServer server, String loginBody) throws Exception {
        BenchWebapp.deployGatehouse(server, TestCredential.idpSigning().certificate());
        BenchWebapp.deployBare(server, Webapp.BARE.contextPath);
        BenchWebapp.deployPlainSessions(server, Webapp.PLAIN.contextPath);
        SignedInWebapps webapps = new SignedInWebapps(server, HttpBench.login(server, loginBody),
                HttpBench.sessionCookie(server.baseUrl() + Webapp.PLAIN.contextPath + "/hello"));
        for (Webapp webapp : Webapp.values()) {
            String page = HttpBench.get(server.baseUrl() + webapp.contextPath + "/hello", webapps.cookie(webapp));
            if (!page.equals(webapp.page)) {
                throw new IllegalStateException(webapp.contextPath + "/hello answered [" + page + "]");
            }
        }
        return webapps;
    }

    /** The session cookie ({@code JSESSIONID=...}) a request to {@code webapp} carries, or null for the bare one. */
    String cookie(Webapp webapp) {
        return switch (webapp) {
            case BARE -> null;
            case PLAIN -> plainCookie;
            case GATEHOUSE -> appCookie;
        };
    }

    /** The raw HTTP/1.1 keep-alive request for {@code webapp}'s page, as wrk sends it: Host and the cookie only. */
    String rawRequest(Webapp webapp) {
        String cookie = cookie(webapp);
        return "GET " + webapp.contextPath + "/hello HTTP/1.1\r\nHost: " + server.baseUrl().getAuthority() + "\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
    }
}
