package dev.gatehouse.sample;

import dev.gatehouse.testkit.TestIdpServer;
import dev.gatehouse.testkit.TestUser;
import java.util.List;

/**
 * The one-command demo ({@code mvn -Pdemo -DskipTests verify}): sample.war on Jetty 12 at
 * http://localhost:8080/sample, signing in through the development IdP at http://127.0.0.1:9090/idp.
 * DEVELOPMENT ONLY: that IdP lets anyone sign in as alice or bob. Ports: -Ddemo.port, -Ddemo.idpPort.
 */
public final class DevServer {

    /** Held so java.util.logging keeps the level: OpenSAML's INFO start-up chatter hides the useful lines. */
    private static final java.util.logging.Logger OPENSAML_LOG = java.util.logging.Logger.getLogger("org.opensaml");

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        OPENSAML_LOG.setLevel(java.util.logging.Level.WARNING);
        int appPort = Integer.getInteger("demo.port", 8080);
        int idpPort = Integer.getInteger("demo.idpPort", 9090);
        TestIdpServer idp = TestIdpServer.start(idpPort, List.of(TestUser.alice(), TestUser.bob()));
        DemoSetup demo = new DemoSetup(appPort, List.of(idp), "");
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close));
        System.out.println("""

                ==================================================================================
                 Gatehouse sample is running:      %s
                   /whoami  (sign in as alice or bob)   /admin/  (alice only)
                 Development IdP (NOT FOR PRODUCTION): %s/
                 SP metadata:                       %s
                 Configuration file:                %s
                 Press Ctrl+C to stop.
                ==================================================================================
                """.formatted(demo.url("/"), idp.baseUrl(), demo.url("/saml/metadata/dev"), demo.configFile));
        demo.app.server().join();
    }
}
