package dev.sluice.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A database of its own for one test, on the shared throwaway cluster or on {@code SLUICE_TEST_URL}'s
 * server; dropped after the test.
 */
public final class TestDatabase {

    private final TestServer server;
    private final String name;

    TestDatabase(TestServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.user();
    }

    /** Empty for the throwaway cluster, which trusts local connections. */
    public String password() {
        return server.password();
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        if (!password().isEmpty()) {
            props.setProperty("password", password());
        }
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Another fresh database on the same server, dropped with this one's test. */
    public TestDatabase another() {
        return server.newDatabase();
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public String queryForString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row: " + sql);
            }
            return rs.getString(1);
        }
    }

    public long queryForLong(String sql) throws SQLException {
        return Long.parseLong(queryForString(sql));
    }

    public boolean queryForBoolean(String sql) throws SQLException {
        String v = queryForString(sql);
        return "t".equals(v) || "true".equals(v);
    }

    /** The first column of every row. */
    public List<String> queryForList(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return name;
    }
}
