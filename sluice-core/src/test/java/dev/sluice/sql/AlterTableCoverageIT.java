package dev.sluice.sql;

import dev.sluice.sql.internal.StatementSplitter;
import dev.sluice.sql.internal.StatementParser;
import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.testing.InstalledPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ALTER TABLE data checked against real servers: each verified example of a major runs in its own
 * transaction on the fixture, and the strongest lock it holds on the altered table ({@code pg_locks}),
 * whether a table got a new {@code relfilenode} (a rewrite) and whether the transaction scanned a table
 * ({@code pg_stat_get_xact_numscans}) must be the row's. Runs on the bundled major, the installed one,
 * and any other major whose pinned binaries are in the local Maven repository; never fetches.
 */
class AlterTableCoverageIT {

    private static final List<String> MODES = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void everyVerifiedExampleTakesItsLockAndRewritesOrScansAsStated(int major) throws Exception {
        PostgresBinaries binaries;
        try {
            binaries = PostgresBinaries.forMajor(major, false);
        } catch (IllegalArgumentException e) {
            InstalledPostgres.skipOrFailInCi("no PostgreSQL " + major + " here (the build's pre-integration-test phase "
                    + "fetches the pinned binaries): " + e.getMessage());
            return;
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (PostgresCluster cluster = PostgresCluster.startThrowaway(binaries)) {
            cluster.createDatabase("coverage");
            try (Connection c = cluster.connect("coverage"); Statement s = c.createStatement()) {
                s.execute(AlterTableCoverageTest.fixture());
                c.setAutoCommit(false);
                for (AlterTableCoverage.Row row : AlterTableCoverage.rows()) {
                    if (!row.covers(major) || !row.verify().equals("yes")) {
                        continue;
                    }
                    checked++;
                    try {
                        String seen = observe(c, row);
                        String expected = describe(row.lock(), row.rewrites(), row.scans());
                        if (!seen.equals(expected)) {
                            wrong.add(row.form() + ": data says " + expected + ", PostgreSQL " + major + " did " + seen);
                        }
                    } catch (SQLException e) {
                        wrong.add(row.form() + ": " + row.example() + " failed: " + e.getMessage());
                    } finally {
                        c.rollback();
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(checked > 50, "only " + checked + " rows checked");
    }

    private static String observe(Connection c, AlterTableCoverage.Row row) throws SQLException {
        PgStatement.AlterTable at = (PgStatement.AlterTable) StatementParser.parseAll(
                StatementSplitter.split(row.example() + ";\n", "example.sql")).get(0);
        long table = single(c, "select to_regclass('" + at.name() + "')::oid");
        Map<Long, Long> before = files(c);
        // The backend's pending scan counters outlive a transaction until they are flushed: count the difference.
        long scansBefore = scans(c, before);
        try (Statement s = c.createStatement()) {
            s.execute(row.example());
        }
        Map<Long, Long> after = files(c);
        boolean rewritten = before.entrySet().stream().anyMatch(e -> !e.getValue().equals(after.get(e.getKey())));
        long scans = scans(c, before) - scansBefore;
        String strongest = "none";
        try (PreparedStatement ps = c.prepareStatement("select mode from pg_locks where pid = pg_backend_pid() "
                + "and locktype = 'relation' and relation = ? and granted")) {
            ps.setLong(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String mode = rs.getString(1);
                    if (strongest.equals("none") || MODES.indexOf(mode) > MODES.indexOf(strongest)) {
                        strongest = mode;
                    }
                }
            }
        }
        String lock = strongest.replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
        return describe(lock, rewritten, scans > 0);
    }

    private static long scans(Connection c, Map<Long, Long> tables) throws SQLException {
        long scans = 0;
        for (Long oid : tables.keySet()) {
            scans += single(c, "select pg_stat_get_xact_numscans(" + oid + ")");
        }
        return scans;
    }

    private static String describe(String lock, boolean rewrite, boolean scan) {
        return lock + ", rewrite " + (rewrite ? "yes" : "no") + ", scan " + (scan ? "yes" : "no");
    }

    /** relfilenode of every ordinary table of the fixture (schemas public and s), by oid. */
    private static Map<Long, Long> files(Connection c) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select c.oid, c.relfilenode from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 's') and c.relkind = 'r'")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static {
        assertEquals(8, MODES.size());
    }
}
