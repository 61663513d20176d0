package dev.sluice.postgres.internal;

import dev.sluice.postgres.PostgresStartException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default's server: data kept across restarts, shared while running, gone when throwaway. */
class PostgresClusterIT {

    @TempDir
    Path dir;

    private static String query(PostgresCluster c, String sql) throws Exception {
        try (Connection conn = c.connect("postgres"); Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void persistentDataSurvivesARestart() throws Exception {
        Path data = dir.resolve("pgdata");
        try (PostgresCluster first = PostgresCluster.startPersistent(data)) {
            try (Connection c = first.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("create table kept (id int)");
            }
            assertTrue(query(first, "show server_version").startsWith("17."));
        }
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "stopped cleanly");
        try (PostgresCluster again = PostgresCluster.startPersistent(data)) {
            assertEquals("t", query(again, "select to_regclass('kept') is not null"));
        }
    }

    @Test
    void aSecondCommandOnARunningClusterSharesItAndLeavesItRunning() throws Exception {
        Path data = dir.resolve("pgdata");
        try (PostgresCluster owner = PostgresCluster.startPersistent(data)) {
            try (PostgresCluster guest = PostgresCluster.startPersistent(data)) {
                assertEquals(owner.port(), guest.port());
                assertEquals("1", query(guest, "select 1"));
            }
            assertEquals("1", query(owner, "select 1"), "closing the guest did not stop the owner's server");
        }
    }

    @Test
    void throwawayClustersAreIndependentAndDeletedOnClose() throws Exception {
        Path data;
        try (PostgresCluster a = PostgresCluster.startThrowaway(); PostgresCluster b = PostgresCluster.startThrowaway()) {
            assertFalse(a.port() == b.port());
            data = a.dataDir();
            assertEquals("off", query(a, "show fsync"));
        }
        assertFalse(Files.exists(data));
    }

    @Test
    void closeIsIdempotentAndFreesThePort() throws Exception {
        PostgresCluster c = PostgresCluster.startThrowaway();
        int port = c.port();
        c.close();
        c.close();
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort());
        }
    }

    @Test
    void aServerThatCannotStartReportsItsLog() throws Exception {
        Path data = dir.resolve("pgdata");
        try (PostgresCluster c = PostgresCluster.startPersistent(data)) {
            assertTrue(c.port() > 0);
        }
        Files.writeString(data.resolve("postgresql.auto.conf"), "shared_buffers = 'not a size'\n");
        PostgresStartException e = assertThrows(PostgresStartException.class, () -> PostgresCluster.startPersistent(data));
        assertTrue(e.getMessage().contains("shared_buffers"), e.getMessage());
    }
}
