package dev.gatehouse.identity;

import dev.gatehouse.config.JdbcStoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * {@link UserStore} on the application's own user table over JDBC, through the container's JNDI DataSource (pooled)
 * or a JDBC URL. Statements come from {@link JdbcStoreConfig}: derived from the table and column names, or written
 * by the admin with named parameters; every value is bound as a parameter, never concatenated. Finds return the
 * account's id, user name and (when a role column is configured) role as the first columns. The IdP link is one
 * column holding {@code <provider>:<IdP user id>}. Thread-safe: one connection per call.
 */
public final class JdbcUserStore implements UserStore {

    private final JdbcStoreConfig config;
    private final Map<String, Statement> statements;
    private volatile DataSource dataSource;

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
        String select = "SELECT " + c.get("id") + ", " + c.get("username")
                + (c.get("role") != null ? ", " + c.get("role") : "") + " FROM " + table;
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("find", select + " WHERE " + c.get("link") + " = :link");
        if (c.get("email") != null) {
            sql.put("findByEmail", select + " WHERE LOWER(" + c.get("email") + ") = LOWER(:email)");
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
                    updates.add(column + " = :" + property);
                }
            }
        }
        sql.put("insert", "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")");
        if (updates.length() > 0) {
            sql.put("update", "UPDATE " + table + " SET " + updates + " WHERE " + c.get("id") + " = :id");
        }
        sql.put("link", "UPDATE " + table + " SET " + c.get("link") + " = :link WHERE " + c.get("id") + " = :id");
        return sql;
    }

    /**
     * Checks at startup that the table and every configured column exist, with a query that reads no row.
     *
     * @throws UserStoreException naming the table and the database's complaint
     */
    public void verify() {
        List<String> columns = config.columns().values().stream().filter(java.util.Objects::nonNull).toList();
        String sql = "SELECT " + String.join(", ", columns) + " FROM " + config.table() + " WHERE 1 = 0";
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new UserStoreException("The user table [" + config.table() + "] with columns " + columns
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredAccount> find(String provider, String userId) {
        return query("find", Map.of("link", link(provider, userId), "provider", provider, "userId", userId));
    }

    @Override
    public Optional<StoredAccount> findByEmail(String email) {
        if (!statements.containsKey("findByEmail")) {
            return Optional.empty();
        }
        return query("findByEmail", Map.of("email", email));
    }

    @Override
    public StoredAccount create(NewAccount account) {
        Map<String, Object> values = profile(account.profile());
        values.put("link", link(account.provider(), account.userId()));
        values.put("provider", account.provider());
        values.put("userId", account.userId());
        values.put("role", account.role());
        execute("insert", values);
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
        execute("link", Map.of("id", account.id(), "link", link(provider, userId), "provider", provider, "userId",
                userId));
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

    private Optional<StoredAccount> query(String name, Map<String, ?> values) {
        Statement statement = statements.get(name);
        try (Connection connection = connect();
                PreparedStatement prepared = statement.prepare(connection, values);
                ResultSet rows = prepared.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            String role = rows.getMetaData().getColumnCount() >= 3 ? rows.getString(3) : null;
            StoredAccount account = new StoredAccount(rows.getString(1), rows.getString(2), role);
            if (rows.next()) {
                throw new UserStoreException("The " + name + " statement found more than one account; the IdP "
                        + "user must identify one account", null);
            }
            return Optional.of(account);
        } catch (SQLException e) {
            throw failure(name, e);
        }
    }

    private void execute(String name, Map<String, ?> values) {
        Statement statement = statements.get(name);
        try (Connection connection = connect();
                PreparedStatement prepared = statement.prepare(connection, values)) {
            prepared.executeUpdate();
        } catch (SQLException e) {
            throw failure(name, e);
        }
    }

    private UserStoreException failure(String name, SQLException e) {
        boolean conflict = e.getSQLState() != null && e.getSQLState().startsWith("23");
        return new UserStoreException("The user store's " + name + " statement failed" + (conflict
                ? " on a constraint (an account with this user name or e-mail probably exists but is not linked to "
                        + "this IdP user: link it, or enable linkAccountsByEmail)" : "") + ": " + e.getMessage(), e);
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

    /** A statement with named parameters ({@code :name}), turned into a JDBC one with positional parameters. */
    record Statement(String name, String jdbc, List<String> parameters) {

        static Statement parse(String name, String sql) {
            StringBuilder jdbc = new StringBuilder();
            List<String> parameters = new ArrayList<>();
            boolean quoted = false;
            for (int i = 0; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                }
                if (!quoted && c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                        && (i == 0 || sql.charAt(i - 1) != ':')) {
                    int end = i + 1;
                    while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                        end++;
                    }
                    parameters.add(sql.substring(i + 1, end));
                    jdbc.append('?');
                    i = end - 1;
                } else {
                    jdbc.append(c);
                }
            }
            return new Statement(name, jdbc.toString(), List.copyOf(parameters));
        }

        PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(jdbc);
            try {
                for (int i = 0; i < parameters.size(); i++) {
                    String parameter = parameters.get(i);
                    if (!values.containsKey(parameter)) {
                        throw new SQLException("The " + name + " statement uses :" + parameter + ", which it does "
                                + "not get; it may use " + values.keySet());
                    }
                    Object value = values.get(parameter);
                    if (value == null) {
                        statement.setNull(i + 1, java.sql.Types.VARCHAR);
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
    }
}
