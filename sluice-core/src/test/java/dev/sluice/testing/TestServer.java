package dev.sluice.testing;

import dev.sluice.postgres.internal.PostgresCluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server the tests of one JVM share: a throwaway cluster started on first use, or the server that
 * {@code SLUICE_TEST_URL} names. Each test gets a database of its own, cloned from an empty template.
 */
final class TestServer implements AutoCloseable {

    private static final String TEMPLATE = "sluice_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PostgresCluster cluster;
    private final String baseUrl;
    private final String user;
    private final String password;
    private final List<String> created = new ArrayList<>();
    private boolean fileCopy;

    private TestServer(PostgresCluster cluster, String baseUrl, String user, String password) {
        this.cluster = cluster;
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    static TestServer start() {
        String url = System.getenv("SLUICE_TEST_URL");
        TestServer server;
        if (url != null && !url.isBlank()) {
            String base = url.substring(0, url.lastIndexOf('/') + 1);
            server = new TestServer(null, base, env("SLUICE_TEST_USER", "postgres"), env("SLUICE_TEST_PASSWORD", ""));
        } else {
            PostgresCluster cluster = PostgresCluster.startThrowaway();
            server = new TestServer(cluster, "jdbc:postgresql://" + cluster.host() + ":" + cluster.port() + "/",
                    cluster.user(), "");
        }
        server.fileCopy = server.serverVersionNum() >= 150000;
        server.admin("drop database if exists " + TEMPLATE);
        server.admin("create database " + TEMPLATE);
        return server;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    String jdbcUrl(String database) {
        return baseUrl + database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    TestDatabase newDatabase() {
        String name = "t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        // FILE_COPY (PostgreSQL 15+) copies the small template in a few milliseconds instead of WAL-logging it.
        admin("create database " + name + " template " + TEMPLATE + (fileCopy ? " strategy file_copy" : ""));
        synchronized (created) {
            created.add(name);
        }
        return new TestDatabase(this, name);
    }

    void drop(TestDatabase db) {
        admin("drop database if exists " + db.name() + " with (force)");
        synchronized (created) {
            created.remove(db.name());
        }
    }

    private Connection connectAdmin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(baseUrl + "postgres", props);
    }

    private int serverVersionNum() {
        try (Connection c = connectAdmin(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("show server_version_num")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test server: " + e.getMessage(), e);
        }
    }

    private void admin(String sql) {
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
            return;
        }
        List<String> leftovers;
        synchronized (created) {
            leftovers = new ArrayList<>(created);
        }
        for (String name : leftovers) {
            admin("drop database if exists " + name + " with (force)");
        }
    }
}
