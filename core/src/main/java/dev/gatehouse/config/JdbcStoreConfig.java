package dev.gatehouse.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code userStore} of type {@code jdbc}: the application's own user table, reached through a JNDI DataSource
 * (the container's pool; preferred) or a JDBC URL. The statements are derived from {@code table} and
 * {@code columns}, or given one by one in {@code sql} with named parameters ({@code :link}, {@code :provider},
 * {@code :userId}, {@code :id}, {@code :username}, {@code :email}, {@code :firstName}, {@code :lastName},
 * {@code :displayName}, {@code :role}). Immutable; {@link #toString()} never shows the password.
 *
 * @param dataSource the JNDI name of a {@code javax.sql.DataSource} (e.g. {@code java:comp/env/jdbc/app}), or null
 * @param jdbcUrl a JDBC URL (the driver must be on the webapp's class path), or null
 * @param username the JDBC user for {@code jdbcUrl}, or null
 * @param password the JDBC password for {@code jdbcUrl}, or null
 * @param table the user table
 * @param columns column names by property: {@code id}, {@code username}, {@code email}, {@code firstName},
 *     {@code lastName}, {@code displayName}, {@code link} (holds {@code <provider>:<IdP user id>}), {@code role}; a
 *     property mapped to null is not stored
 * @param sql statements by name ({@code find}, {@code findByEmail}, {@code insert}, {@code update}, {@code link})
 *     replacing the derived ones
 */
public record JdbcStoreConfig(String dataSource, String jdbcUrl, String username, String password, String table,
        Map<String, String> columns, Map<String, String> sql) {

    /** The column properties. */
    public static final Set<String> COLUMN_NAMES = Set.of("id", "username", "email", "firstName", "lastName",
            "displayName", "link", "role");
    /** The statement names. */
    public static final Set<String> STATEMENT_NAMES = Set.of("find", "findByEmail", "insert", "update", "link");

    /** The default column names: {@code first_name} style, link column {@code saml_link}, no role column. */
    public static Map<String, String> defaultColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "id");
        columns.put("username", "username");
        columns.put("email", "email");
        columns.put("firstName", "first_name");
        columns.put("lastName", "last_name");
        columns.put("displayName", null);
        columns.put("link", "saml_link");
        columns.put("role", null);
        return columns;
    }

    public JdbcStoreConfig {
        if ((dataSource == null) == (jdbcUrl == null)) {
            throw new IllegalArgumentException("userStore needs exactly one of dataSource and jdbcUrl");
        }
        Objects.requireNonNull(table, "table");
        Map<String, String> merged = defaultColumns();
        merged.putAll(columns);
        for (String required : new String[] {"id", "username", "link"}) {
            if (merged.get(required) == null) {
                throw new IllegalArgumentException("userStore.columns." + required + " cannot be null");
            }
        }
        columns = Collections.unmodifiableMap(merged);
        sql = Collections.unmodifiableMap(new LinkedHashMap<>(sql));
    }

    @Override
    public String toString() {
        return "JdbcStoreConfig[" + (dataSource != null ? "dataSource=" + dataSource : "jdbcUrl=" + maskUrl(jdbcUrl))
                + ", table=" + table + "]";
    }

    /** A JDBC URL fit for logs: user info and password properties replaced by {@code ****}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=****").replaceAll("//[^/@?;]*@", "//****@");
    }
}
