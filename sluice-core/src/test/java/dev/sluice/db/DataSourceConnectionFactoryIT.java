package dev.sluice.db;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sluice on an application's pool: every session it borrowed goes back with the settings the pool gave it,
 * no advisory lock and autocommit on, so the application's next query does not inherit Sluice's timeouts.
 */
@ExtendWith(PostgresExtension.class)
class DataSourceConnectionFactoryIT {

    @TempDir
    Path dir;

    private final List<Connection> physical = new ArrayList<>();

    @AfterEach
    void closePool() throws SQLException {
        for (Connection c : physical) {
            c.close();
        }
    }

    @Test
    void aBorrowedSessionGoesBackAsItCame(TestDatabase db) throws Exception {
        Pool pool = pool(db, 1, "set search_path = app, public");
        DataSourceConnectionFactory factory = new DataSourceConnectionFactory(pool, "the application's DataSource");
        try (Connection c = factory.open(); Statement s = c.createStatement()) {
            s.execute("set lock_timeout = '2s'");
            s.execute("set idle_in_transaction_session_timeout = '10min'");
            s.execute("select pg_advisory_lock(7, 8)");
            c.setAutoCommit(false);
            s.execute("set statement_timeout = '5s'");
        }
        Connection session = physical.get(0);
        assertEquals("0", setting(session, "lock_timeout"));
        assertEquals("0", setting(session, "statement_timeout"));
        assertEquals("0", setting(session, "idle_in_transaction_session_timeout"));
        assertEquals("app, public", setting(session, "search_path"), "the pool's own setting is kept");
        assertEquals(0, advisoryLocks(session));
        assertTrue(session.getAutoCommit());
        assertTrue(factory.describe().startsWith("the application's DataSource (jdbc:postgresql:"), factory.describe());
    }

    @Test
    void aMigrationRunOnThePoolLeavesNoSessionChanged(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__accounts.sql"), "create table accounts (id bigint primary key);\n");
        Files.writeString(migrations.resolve("V2__accounts_index.sql"),
                "create index concurrently accounts_id_idx on accounts (id);\n");
        Pool pool = pool(db, 3, "set search_path = public");
        Sluice sluice = new Sluice(SluiceOptions.builder(new DataSourceConnectionFactory(pool, "the pool"))
                .source(new FileSystemMigrationSource(migrations)).build());

        var result = sluice.migrate(Optional.empty(), MigrationListener.NONE);

        assertEquals(2, result.steps().size());
        assertEquals(3, pool.idle.size(), "every borrowed connection went back");
        for (Connection session : physical) {
            assertFalse(session.isClosed());
            assertEquals("0", setting(session, "lock_timeout"));
            assertEquals("0", setting(session, "idle_in_transaction_session_timeout"));
            assertEquals(0, advisoryLocks(session));
            assertTrue(session.getAutoCommit());
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int advisoryLocks(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Pool pool(TestDatabase db, int size, String initSql) throws SQLException {
        Pool pool = new Pool();
        for (int i = 0; i < size; i++) {
            Connection c = db.connect();
            try (Statement s = c.createStatement()) {
                s.execute(initSql);
            }
            physical.add(c);
            pool.idle.add(c);
        }
        return pool;
    }

    /** The least a pool does: hands out idle sessions and takes them back on close, without ending them. */
    private static final class Pool implements DataSource {
        final Deque<Connection> idle = new ArrayDeque<>();

        @Override
        public synchronized Connection getConnection() throws SQLException {
            Connection c = idle.poll();
            if (c == null) {
                throw new SQLException("pool exhausted");
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            synchronized (this) {
                                if (!idle.contains(c)) {
                                    idle.add(c);
                                }
                            }
                            return null;
                        }
                        if (method.getName().equals("abort")) {
                            return null;
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
