package dev.gatehouse.identity;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.testkit.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JdbcUserStoreContract} on a real PostgreSQL server started for this class (Debian's {@code postgresql},
 * installed by {@code .ci/run}, which also makes its absence a failure; elsewhere the class is skipped).
 */
class JdbcUserStorePostgresTest extends JdbcUserStoreContract {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        if (PostgresServer.binaries().isEmpty()) {
            if (PostgresServer.required()) {
                fail("PostgreSQL is required (" + PostgresServer.REQUIRE_VARIABLE + "=1) but not installed");
            }
            assumeTrue(false, "PostgreSQL is not installed");
        }
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String freshDatabase() {
        return server.jdbcUrl();
    }
}
