package dev.gatehouse.identity;

import dev.gatehouse.config.JdbcStoreConfig;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UserStore} on the application's own user table over JDBC, through the container's JNDI DataSource (pooled)
 * or a JDBC URL. Statements come from {@link JdbcStoreConfig}: derived from the table and column names, or written
 * by the admin with named parameters; every value is bound as a parameter, never concatenated, with the type the
 * database expects (an integer id stays an integer). Finds return the account's id, user name and role (or NULL) as
 * their first columns; the derived find also returns the link, which is then compared exactly (a case- or
 * accent-insensitive collation must not make two IdP users one). The link column holds
 * {@code <provider>:<IdP user id>}; it should have a UNIQUE index, which {@link #verify()} checks. Linking by e-mail
 * only considers accounts that are not linked yet, and a link is never overwritten. A profile update leaves what the
 * assertion lacks as it is. Thread-safe: one connection per call.
 */
public final class JdbcUserStore implements UserStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcUserStore.class);

    private final JdbcStoreConfig config;
    private final Map<String, Statement> statements;
    private volatile DataSource dataSource;
    private volatile int idType = Types.VARCHAR;

    public JdbcUserStore(JdbcStoreConfig config) {
        this.config = config;
        Map<String, String> sql = defaultStatements(config);
        sql.putAll(config.sql());
        Map<String, Statement> parsed = new HashMap<>();
        sql.forEach((name, text) -> parsed.put(name, Statement.parse(name, text)));
        this.statements = Map.copyOf(parsed);
    }

    /** The statements derived from the table and columns. */
    static Map<String, String> defaultStatements(JdbcStoreConfig config) {
        Map<String, String> c = config.columns();
        String table = config.table();
        String select = "SELECT " + c.get("id") + ", " + c.get("username") + ", "
                + (c.get("role") != null ? c.get("role") : "NULL") + ", " + c.get("link") + " FROM " + table;
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("find", select + " WHERE " + c.get("link") + " = :link");
        sql.put("findByUsername", select + " WHERE LOWER(" + c.get("username") + ") = LOWER(:username)");
        if (c.get("email") != null) {
            sql.put("findByEmail", select + " WHERE LOWER(" + c.get("email") + ") = LOWER(:email) AND "
                    + c.get("link") + " IS NULL");
        }
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        StringJoiner updates = new StringJoiner(", ");
        for (String property : List.of("username", "email", "firstName", "lastName", "displayName", "link", "role")) {
            String column = c.get(property);
            if (column != null) {
                columns.add(column);
                values.add(":" + property);
                if (List.of("email", "firstName", "lastName", "displayName").contains(property)) {
                    updates.add(column + " = COALESCE(:" + property + ", " + column + ")");
                }
            }
        }
        sql.put("insert", "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")");
        if (updates.length() > 0) {
            sql.put("update", "UPDATE " + table + " SET " + updates + " WHERE " + c.get("id") + " = :id");
        }
        sql.put("link", "UPDATE " + table + " SET " + c.get("link") + " = :link WHERE " + c.get("id") + " = :id AND "
                + c.get("link") + " IS NULL");
        return sql;
    }

    /**
     * Checks at startup that the find statements run (with values that match nothing) and warns when the link column
     * has no UNIQUE index.
     *
     * @throws UserStoreException naming the statement and the database's complaint
     */
    public void verify() {
        Map<String, Object> probe = new HashMap<>();
        probe.put("link", "gatehouse-startup-check:" + System.nanoTime());
        probe.put("provider", "gatehouse-startup-check");
        probe.put("userId", "-");
        probe.put("email", "gatehouse-startup-check@invalid");
        probe.put("username", "gatehouse-startup-check-" + System.nanoTime());
        for (String name : List.of("find", "findByEmail", "findByUsername")) {
            if (statements.containsKey(name)) {
                query(name, probe);
            }
        }
        if (!config.sql().containsKey("find") && !hasUniqueIndex(config.columns().get("link"))) {
            LOG.warn("Gatehouse user store: the link column [{}] of [{}] has no UNIQUE index, so two first sign-ins "
                    + "of one user at the same moment could create two accounts: CREATE UNIQUE INDEX ... ON {} ({})",
                    config.columns().get("link"), config.table(), config.table(), config.columns().get("link"));
        }
    }

    private boolean hasUniqueIndex(String column) {
        try (Connection connection = connect()) {
            DatabaseMetaData metadata = connection.getMetaData();
            for (String table : List.of(config.table(), config.table().toUpperCase(Locale.ROOT),
                    config.table().toLowerCase(Locale.ROOT))) {
                try (ResultSet indexes = metadata.getIndexInfo(null, null, table, true, false)) {
                    while (indexes.next()) {
                        String indexed = indexes.getString("COLUMN_NAME");
                        if (indexed != null && indexed.equalsIgnoreCase(column)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            return true; // cannot tell; no warning
        }
    }

    @Override
    public Optional<StoredAccount> find(String provider, String userId) {
        String link = link(provider, userId);
        return query("find", Map.of("link", link, "provider", provider, "userId", userId))
                .filter(row -> row.link() == null || row.link().equals(link)).map(Row::account);
    }

    @Override
    public Optional<StoredAccount> findByEmail(String email) {
        if (!statements.containsKey("findByEmail")) {
            return Optional.empty();
        }
        try {
            return query("findByEmail", Map.of("email", email)).filter(row -> row.link() == null).map(Row::account);
        } catch (Ambiguous several) {
            LOG.info("Gatehouse user store: several unlinked accounts have this e-mail; none is linked by e-mail");
            return Optional.empty();
        }
    }

    @Override
    public Optional<StoredAccount> findByUsername(String username) {
        if (!statements.containsKey("findByUsername")) {
            return Optional.empty();
        }
        try {
            return query("findByUsername", Map.of("username", username)).map(Row::account);
        } catch (Ambiguous several) {
            return Optional.of(new StoredAccount("(several)", username, null));
        }
    }

    @Override
    public StoredAccount create(NewAccount account) {
        Map<String, Object> values = profile(account.profile());
        values.put("link", link(account.provider(), account.userId()));
        values.put("provider", account.provider());
        values.put("userId", account.userId());
        values.put("role", account.role());
        try {
            execute("insert", values);
        } catch (UserStoreException e) {
            // another first sign-in of the same user may have created it a moment ago
            Optional<StoredAccount> raced = find(account.provider(), account.userId());
            if (raced.isPresent()) {
                return raced.get();
            }
            throw e;
        }
        return find(account.provider(), account.userId()).orElseThrow(() -> new UserStoreException("The account "
                + "created for [" + account.profile().username() + "] cannot be found by its link: check the insert "
                + "and find statements", null));
    }

    @Override
    public void update(StoredAccount account, UserProfile profile) {
        if (statements.containsKey("update")) {
            Map<String, Object> values = profile(profile);
            values.put("id", account.id());
            execute("update", values);
        }
    }

    @Override
    public void link(StoredAccount account, String provider, String userId) {
        int updated = execute("link", Map.of("id", account.id(), "link", link(provider, userId), "provider",
                provider, "userId", userId));
        if (updated != 1) {
            throw new UserStoreException("The account [" + account.username() + "] is already linked to another IdP "
                    + "user (or was changed meanwhile); it is not re-linked", null);
        }
    }

    private static String link(String provider, String userId) {
        return provider + ":" + userId;
    }

    private static Map<String, Object> profile(UserProfile profile) {
        Map<String, Object> values = new HashMap<>();
        values.put("username", profile.username());
        values.put("email", profile.email());
        values.put("firstName", profile.firstName());
        values.put("lastName", profile.lastName());
        values.put("displayName", profile.displayName());
        return values;
    }

    /** A found row: the account and, when the statement returns it, the link. */
    private record Row(StoredAccount account, String link) {
    }

    /** More than one row where one was expected. */
    private static final class Ambiguous extends UserStoreException {
        private static final long serialVersionUID = 1L;

        Ambiguous(String message) {
            super(message, null);
        }
    }

    private Optional<Row> query(String name, Map<String, ?> values) {
        Statement statement = statements.get(name);
        try (Connection connection = connect();
                PreparedStatement prepared = statement.prepare(connection, values, idType);
                ResultSet rows = prepared.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            int columns = rows.getMetaData().getColumnCount();
            idType = rows.getMetaData().getColumnType(1);
            Object id = rows.getObject(1);
            String username = rows.getString(2);
            if (id == null || username == null) {
                throw new UserStoreException("The " + name + " statement returned an account without an id or user "
                        + "name", null);
            }
            String role = columns >= 3 ? rows.getString(3) : null;
            String link = columns >= 4 ? rows.getString(4) : null;
            Row row = new Row(new StoredAccount(String.valueOf(id), username, role), link);
            if (rows.next()) {
                throw new Ambiguous("The " + name + " statement found more than one account");
            }
            return Optional.of(row);
        } catch (SQLException e) {
            throw failure(name, e);
        }
    }

    private int execute(String name, Map<String, ?> values) {
        Statement statement = statements.get(name);
        try (Connection connection = connect();
                PreparedStatement prepared = statement.prepare(connection, values, idType)) {
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw failure(name, e);
        }
    }

    private UserStoreException failure(String name, SQLException e) {
        boolean conflict = e.getSQLState() != null && e.getSQLState().startsWith("23");
        return new UserStoreException("The user store's " + name + " statement failed" + (conflict
                ? " on a constraint (an account with this user name or e-mail probably exists but is not linked to "
                        + "this IdP user)" : "") + ": " + mask(e.getMessage()), e);
    }

    /** The message without the JDBC URL's secrets. */
    private String mask(String message) {
        String text = String.valueOf(message);
        if (config.jdbcUrl() != null) {
            text = text.replace(config.jdbcUrl(), JdbcStoreConfig.maskUrl(config.jdbcUrl()));
        }
        if (config.password() != null && !config.password().isEmpty()) {
            text = text.replace(config.password(), "****");
        }
        return text;
    }

    private Connection connect() throws SQLException {
        if (config.jdbcUrl() != null) {
            return DriverManager.getConnection(config.jdbcUrl(), config.username(), config.password());
        }
        DataSource current = dataSource;
        if (current == null) {
            try {
                current = (DataSource) new InitialContext().lookup(config.dataSource());
            } catch (NamingException | ClassCastException e) {
                throw new SQLException("No DataSource is bound at [" + config.dataSource() + "]: " + e.getMessage(),
                        e);
            }
            dataSource = current;
        }
        return current.getConnection();
    }

    /**
     * A statement with named parameters ({@code :name}), turned into a JDBC one with positional parameters. Text in
     * single quotes, double-quoted identifiers and {@code --} and {@code /* *}{@code /} comments is left alone, and
     * {@code ::} (a PostgreSQL cast) is not a parameter.
     */
    record Statement(String name, String jdbc, List<String> parameters) {

        static Statement parse(String name, String sql) {
            StringBuilder jdbc = new StringBuilder();
            List<String> parameters = new ArrayList<>();
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                int skip = skippable(sql, i);
                if (skip > i) {
                    jdbc.append(sql, i, skip);
                    i = skip;
                } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                    jdbc.append("::");
                    i += 2;
                } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                        end++;
                    }
                    parameters.add(sql.substring(i + 1, end));
                    jdbc.append('?');
                    i = end;
                } else {
                    jdbc.append(c);
                    i++;
                }
            }
            return new Statement(name, jdbc.toString(), List.copyOf(parameters));
        }

        /** The end of a quoted string, quoted identifier or comment starting at {@code i}, else {@code i}. */
        private static int skippable(String sql, int i) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                            end += 2; // doubled quote inside
                            continue;
                        }
                        return end + 1;
                    }
                    end++;
                }
                return sql.length();
            }
            if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                return end < 0 ? sql.length() : end;
            }
            if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                return end < 0 ? sql.length() : end + 2;
            }
            return i;
        }

        PreparedStatement prepare(Connection connection, Map<String, ?> values, int idType) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(jdbc);
            try {
                ParameterMetaData metadata = null;
                for (int i = 0; i < parameters.size(); i++) {
                    String parameter = parameters.get(i);
                    if (!values.containsKey(parameter)) {
                        throw new SQLException("The " + name + " statement uses :" + parameter + ", which it does "
                                + "not get; it may use " + values.keySet());
                    }
                    Object value = values.get(parameter);
                    if (value == null) {
                        if (metadata == null) {
                            metadata = parameterMetadata(statement);
                        }
                        statement.setNull(i + 1, nullType(metadata, i + 1));
                    } else if (parameter.equals("id")) {
                        statement.setObject(i + 1, typed(String.valueOf(value), idType));
                    } else {
                        statement.setObject(i + 1, value);
                    }
                }
                return statement;
            } catch (SQLException e) {
                statement.close();
                throw e;
            }
        }

        private static ParameterMetaData parameterMetadata(PreparedStatement statement) {
            try {
                return statement.getParameterMetaData();
            } catch (SQLException unsupported) {
                return null;
            }
        }

        /** The SQL type of a NULL: what the database says the parameter is, else VARCHAR. */
        private static int nullType(ParameterMetaData metadata, int index) {
            if (metadata != null) {
                try {
                    return metadata.getParameterType(index);
                } catch (SQLException unsupported) {
                    // fall through
                }
            }
            return Types.VARCHAR;
        }

        /** An id as the type its column has, so that {@code id = ?} compares an integer with an integer. */
        static Object typed(String id, int sqlType) {
            try {
                return switch (sqlType) {
                    case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Integer.valueOf(id);
                    case Types.BIGINT -> Long.valueOf(id);
                    case Types.NUMERIC, Types.DECIMAL -> new BigDecimal(id);
                    default -> id;
                };
            } catch (NumberFormatException notNumeric) {
                return id;
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcUserStore[" + config + "]";
    }
}
