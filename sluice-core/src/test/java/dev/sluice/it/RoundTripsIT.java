package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a migration costs in round trips to the server, counted, not timed: every check of the executor
 * (the lock, blockers, the history's unique index) stays, but none may cost a round trip that cannot
 * find anything. A small migration is dominated by round trips, so these counts are its speed.
 */
@ExtendWith(PostgresExtension.class)
class RoundTripsIT {

    @TempDir
    Path folder;

    private static void write(Path dir, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            Files.writeString(dir.resolve("V" + i + "__t" + i + ".sql"), "create table t" + i + " (id bigint primary key, name text not null);\n"
                    + "insert into t" + i + " (id, name) values (1, 'row " + i + "');\n");
        }
    }

    private static Sluice sluice(CountingConnections connections, Path dir) {
        return new Sluice(SluiceOptions.builder(connections).source(new FileSystemMigrationSource(dir))
                .execution(ExecutionSettings.defaults()).build());
    }

    private static CountingConnections counting(TestDatabase db) {
        return new CountingConnections(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()));
    }

    /** Round trips of one run of {@code count} one-table migrations on a fresh database. */
    private int run(TestDatabase db, Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        write(dir, 1, count);
        CountingConnections connections = counting(db);
        sluice(connections, dir).migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals((long) count, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED'"));
        return connections.roundTrips();
    }

    /**
     * Create a table and fill it: one batch carries the step's timeouts, the migration lock's check, its two
     * statements, its history row and the commit. psql needs four round trips (BEGIN, the two statements,
     * COMMIT). No blocker query: nobody can hold a lock on a table the step creates.
     */
    @Test
    void aMigrationThatCreatesAndFillsATableCostsOneRoundTrip(TestDatabase db) throws Exception {
        int five = run(db, folder.resolve("five"), 5);
        int twentyFive = run(db.another(), folder.resolve("twenty-five"), 25);
        assertEquals(1, (twentyFive - five) / 20.0, 0.0, "round trips per migration (" + five + " for 5 migrations, "
                + twentyFive + " for 25)");
    }

    /**
     * Only statements that return no rows travel together: a query and an {@code INSERT ... RETURNING} each
     * take a round trip of their own, and the rowless statements around them are grouped.
     */
    @Test
    void statementsThatMayReturnRowsGoAlone(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__mixed.sql"), "create table t (id int primary key, name text);\n"
                + "insert into t values (1, 'a');\n"
                + "select count(*) from t;\n"
                + "insert into t values (2, 'b') returning id;\n"
                + "create index t_name on t (name);\n"
                + "comment on table t is 'mixed';\n");
        // Not the run's last step, which also stores the schema's fingerprint, after its commit.
        Files.writeString(folder.resolve("V2__later.sql"), "create table later (id int);\n");
        CountingConnections connections = counting(db);
        sluice(connections, folder).migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(2L, db.queryForLong("select count(*) from t"), "all of V1 ran");
        assertEquals("mixed", db.queryForString("select obj_description('t'::regclass)"));
        List<String> sent = connections.sent();
        int first = indexOf(sent, "batch [set local lock_timeout");
        int commit = indexOf(sent, "; commit]");
        assertTrue(first >= 0 && commit > first, "the step's first and last round trips: " + sent);
        assertTrue(sent.get(first).contains("do $sluice_lock$") && sent.get(first).endsWith("insert into t values (1, 'a')]"),
                "timeouts and the lock check ride with the first group: " + sent.get(first));
        // Timeouts, lock check, create + insert; the query; the insert returning; index + comment + row + commit.
        assertEquals(4, commit - first + 1, "round trips of the step: " + sent.subList(first, commit + 1));
    }

    /**
     * The run's last migration stores the schema's fingerprint, but after its COMMIT: read inside its
     * transaction, the catalog read held the ACCESS EXCLUSIVE of an {@code ALTER TABLE} on the application's
     * table while its queries queued. The step's statements, row and COMMIT still go in one round trip.
     */
    @Test
    void theLastMigrationCommitsWithItsRowAndStoresTheFingerprintAfter(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__t.sql"), "create table t (id int);\n");
        Files.writeString(folder.resolve("V2__c.sql"), "alter table t add column c int;\n");
        CountingConnections connections = counting(db);
        sluice(connections, folder).migrate(Optional.empty(), MigrationListener.NONE);
        List<String> sent = connections.sent();
        int alter = indexOf(sent, "alter table t add column c int");
        int fingerprint = indexOf(sent, "set schema_fingerprint");
        assertTrue(alter >= 0 && sent.get(alter).endsWith("; commit]"), "V2, its row and the COMMIT in one round trip: " + sent);
        assertTrue(fingerprint > alter, "the fingerprint is stored after the COMMIT: " + sent);
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and schema_fingerprint is not null"));
        assertTrue(!sluice(connections, folder).driftAgainstHistory().drifted(), "the fingerprint is the schema after V2");
    }

    private static int indexOf(List<String> sent, String marker) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    /** A migration that alters an existing table still asks who holds locks on it, before it asks for its lock. */
    @Test
    void aMigrationOnAnExistingTableStillLooksForBlockers(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__t.sql"), "create table t (id int);\n");
        CountingConnections connections = counting(db);
        sluice(connections, folder).migrate(Optional.empty(), MigrationListener.NONE);
        Files.writeString(folder.resolve("V2__col.sql"), "alter table t add column name text;\n");
        connections.reset();
        sluice(connections, folder).migrate(Optional.empty(), MigrationListener.NONE);
        List<String> sent = connections.sent();
        // One query serves both looks: the pre-flight list of lock holders (any age) and the wait for
        // conflicting holders older than the grace period before the ACCESS EXCLUSIVE request.
        assertEquals(2, sent.stream().filter(s -> s.contains("from pg_locks l join pg_stat_activity")
                && s.contains("make_interval")).count(), "the pre-flight look at lock holders and the wait for conflicting ones: " + sent);
    }

    /**
     * The lock check rides in the step's first statement, as the role the migration runs as. A role that
     * may not see the lock session's start time (after a migration's {@code SET ROLE}) gets no answer
     * there, and the check falls back to asking on the lock's own connection instead of stopping the run.
     */
    @Test
    void aStepRunningAsARoleThatCannotSeeTheLockSessionStillChecksTheLock(TestDatabase db) throws Exception {
        String role = "sluice_rt_" + Long.toHexString(System.nanoTime());
        Files.writeString(folder.resolve("V1__t.sql"), "create table t (id int);\n");
        Files.writeString(folder.resolve("V2__role.sql"), "create role " + role + ";\n"
                + "grant create, usage on schema public to " + role + ";\n"
                + "grant all on all tables in schema public to " + role + ";\n"
                + "set role " + role + ";\n");
        Files.writeString(folder.resolve("V3__as_role.sql"), "create table t3 (id int);\n");
        CountingConnections connections = counting(db);
        try {
            sluice(connections, folder).migrate(Optional.empty(), MigrationListener.NONE);
            assertEquals(role, db.queryForString("select tableowner from pg_tables where tablename = 't3'"),
                    "V3 ran as the role");
            assertEquals(1, connections.sent().stream().filter(s -> s.contains("pg_backend_pid() and classid")).count(),
                    "one fallback check on the lock's connection, for V3: " + connections.sent());
        } finally {
            // Roles belong to the server, not to the test's database.
            db.execute("do $$ begin if exists (select 1 from pg_roles where rolname = '" + role + "') then "
                    + "execute 'drop owned by " + role + "'; execute 'drop role " + role + "'; end if; end $$");
        }
    }

    /**
     * Nothing to do: two connections (the lock's and the history's) and no monitor session; the history
     * table, already current, is checked with one catalog query and not touched with DDL.
     */
    @Test
    void aMigrateWithNothingToDoOpensNoMonitorAndRunsNoDdl(TestDatabase db) throws Exception {
        write(folder, 1, 3);
        CountingConnections connections = counting(db);
        sluice(connections, folder).migrate(Optional.empty(), MigrationListener.NONE);
        connections.reset();
        sluice(connections, folder).migrate(Optional.empty(), MigrationListener.NONE);
        List<String> sent = connections.sent();
        assertEquals(2, connections.opened(), "connections: " + sent);
        assertEquals(List.of(), sent.stream().filter(s -> s.contains("create ") || s.contains("alter ")).toList());
        // Lock session: keep-alive, lock, unlock. Migration session: the history privileges (one query), whether
        // the history table is current, whether it exists, its rows.
        assertEquals(7, sent.size(), "round trips of a no-op migrate: " + sent);
    }

    /**
     * Start, complete and rollback of an online change hold ACCESS EXCLUSIVE on the application's table
     * from their first catalog change to their COMMIT, while every writer of the table queues: that must be
     * one round trip for all the statements and one for the COMMIT, whatever the change holds. On a busy
     * server each round trip waits for a core.
     */
    @Test
    void anOnlineChangeHoldsItsTablesLockForOneRoundTripAndItsCommit(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__items.sql"), "create table items (id bigint primary key, label text not null);\n"
                + "insert into items select g, 'item' || g from generate_series(1, 100) g;\n");
        Files.writeString(folder.resolve("V2__reshape.yaml"), "operations:\n"
                + "  - change_column_type:\n      table: items\n      column: label\n      type: text\n      up: upper(label)\n      down: lower(label)\n"
                + "  - rename_column:\n      table: items\n      from: id\n      to: item_id\n");
        CountingConnections connections = counting(db);
        Sluice sluice = sluice(connections, folder);
        sluice.migrate(Optional.of(dev.sluice.migration.Version.parse("1")), MigrationListener.NONE);
        for (String phase : List.of("start", "rollback", "start again", "complete")) {
            connections.reset();
            switch (phase) {
                case "rollback" -> sluice.abortOnline(dev.sluice.online.OnlineListener.NONE);
                case "complete" -> sluice.complete(dev.sluice.online.BackfillSettings.defaults(), dev.sluice.online.OnlineListener.NONE);
                default -> sluice.start(dev.sluice.online.BackfillSettings.defaults(), dev.sluice.online.OnlineListener.NONE);
            }
            List<String> sent = connections.sent();
            int first = -1;
            for (int i = 0; i < sent.size() && first < 0; i++) {
                if (sent.get(i).matches("(?s)\\d+: (create schema|drop view) \"sluice_v2_reshape\".*\"public\"\\.\"items\".*")) {
                    first = i;
                }
            }
            assertTrue(first >= 0, phase + ": no round trip with the view schema's and the table's catalog changes among " + sent);
            String connection = sent.get(first).substring(0, sent.get(first).indexOf(':'));
            List<String> held = new java.util.ArrayList<>();
            for (int i = first; i < sent.size() && (held.isEmpty() || !held.get(held.size() - 1).endsWith(": commit")); i++) {
                if (sent.get(i).startsWith(connection + ":")) {
                    held.add(sent.get(i));
                }
            }
            assertEquals(2, held.size(), phase + ": round trips from the first catalog change to the COMMIT: " + held);
        }
        assertEquals(100L, db.queryForLong("select count(*) from items where label = upper('item' || item_id)"));
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and schema_fingerprint is not null"),
                "complete stores the fingerprint after its COMMIT");
        assertTrue(!sluice.driftAgainstHistory().drifted(), "the fingerprint is the completed schema's");
    }
}
