package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.config.JdbcStoreConfig;
import dev.gatehouse.identity.UserStore.StoredAccount;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link JdbcUserStoreContract} on H2 in memory, and the JNDI lookup of the container's DataSource. */
class JdbcUserStoreH2Test extends JdbcUserStoreContract {

    @Override
    String freshDatabase() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void findsTheContainersDataSourceByItsJndiName() {
        org.h2.jdbcx.JdbcDataSource pool = new org.h2.jdbcx.JdbcDataSource();
        pool.setURL(url);
        TestNamingContextFactory.BOUND.put("java:comp/env/jdbc/legacy", pool);
        String previous = System.setProperty("java.naming.factory.initial", TestNamingContextFactory.class.getName());
        try {
            JdbcUserStore store = new JdbcUserStore(new JdbcStoreConfig("java:comp/env/jdbc/legacy", null, null, null,
                    "app_user", Map.of("username", "login", "role", "role"), Map.of()));
            store.verify();
            assertThat(store.findByEmail("carol@corp.example")).get().extracting(StoredAccount::username)
                    .isEqualTo("carol");
            JdbcUserStore unbound = new JdbcUserStore(new JdbcStoreConfig("java:comp/env/jdbc/none", null, null, null,
                    "app_user", Map.of(), Map.of()));
            assertThatThrownBy(unbound::verify).hasMessageContaining("java:comp/env/jdbc/none");
        } finally {
            TestNamingContextFactory.BOUND.clear();
            if (previous == null) {
                System.clearProperty("java.naming.factory.initial");
            } else {
                System.setProperty("java.naming.factory.initial", previous);
            }
        }
    }
}
