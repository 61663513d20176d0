package dev.sluice.it;

import dev.sluice.BeforeRun;
import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.execution.ConnectionLostException;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineListener;
import dev.sluice.rewrite.RewriteListener;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill under concurrent writes through both versions, and resumed after it was stopped. */
@ExtendWith(PostgresExtension.class)
class OnlineBackfillIT {

    @TempDir
    Path folder;

    static final int ROWS = 20_000;
    static final String ITEMS = "create table items (id bigserial primary key, label text not null);\n"
            + "insert into items (label) select 'item' || g from generate_series(1, " + ROWS + ") g;\n";
    static final String CHANGE = "operations:\n  - change_column_type:\n      table: items\n      column: label\n"
            + "      type: text\n      up: upper(label)\n      down: lower(label)\n";

    private Sluice project(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__items.sql", ITEMS).file("V2__upper_labels.yaml", CHANGE).sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        return sluice;
    }

    @Test
    void noRowIsLostOrDifferentUnderWritesThroughBothVersions(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong inserted = new AtomicLong();
        AtomicLong updates = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            boolean newVersion = w % 2 == 1;
            Thread t = new Thread(() -> {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    if (newVersion) {
                        waitForView(c);
                        s.execute("set search_path to sluice_v2_upper_labels, public");
                    }
                    while (!stop.get()) {
                        long id = ThreadLocalRandom.current().nextLong(1, ROWS + 1);
                        String value = newVersion ? "NEW" + id : "old" + id;
                        s.execute("update items set label = '" + value + "' where id = " + id);
                        updates.incrementAndGet();
                        s.execute("insert into items (label) values ('" + value + "')");
                        inserted.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.start();
            writers.add(t);
        }
        List<BackfillProgress> progress = new ArrayList<>();
        OnlineChange change = sluice.start(new BackfillSettings(500, Duration.ofMillis(5), Duration.ofSeconds(2)), new OnlineListener() {
            @Override
            public void backfillProgress(BackfillProgress p) {
                progress.add(p);
            }
        });
        // Let the writers go on a little after the backfill, through both versions, then stop them.
        long updatesAtEnd = updates.get();
        while (updates.get() < updatesAtEnd + 200 && failure.get() == null) {
            Thread.sleep(10);
        }
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        assertNull(failure.get(), () -> "a writer failed: " + failure.get());
        assertTrue(progress.get(progress.size() - 1).done());
        assertTrue(change.backfills().get(0).done());
        assertTrue(inserted.get() > 0 && updates.get() > 0);

        assertEquals(ROWS + inserted.get(), db.queryForLong("select count(*) from items"), "no row lost");
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"),
                "every row's two columns agree");
        sluice.complete(BackfillSettings.defaults(), OnlineListener.NONE);
        assertEquals(0L, db.queryForLong("select count(*) from items where label <> upper(label)"));
        assertEquals(ROWS + inserted.get(), db.queryForLong("select count(*) from items"));
    }

    private static void waitForView(Connection c) throws SQLException, InterruptedException {
        while (true) {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("select to_regclass('sluice_v2_upper_labels.items') is not null")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
    }

    @Test
    void theBackfillFillsRowsWithoutCallingTheSyncTriggerWhichStillServesTheApplication(TestDatabase db) throws Exception {
        db.execute("alter database " + db.name() + " set track_functions = 'pl'");
        Sluice sluice = project(db);
        sluice.start(BackfillSettings.defaults(), OnlineListener.NONE);
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"),
                "the backfill computed every row's new column");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("update items set label = 'written' where id <= 10");
        }
        // Statistics reach the shared counters when a session ends; wait for the writer's, and for every
        // other session of this database (the backfill's) to be gone.
        String calls = "select coalesce(sum(calls), 0) from pg_stat_user_functions where funcname like '\\_sluice\\_sync\\_%'";
        String others = "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((db.queryForLong(calls) < 10 || db.queryForLong(others) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(10L, db.queryForLong(calls), "the trigger ran for the application's 10 writes and for none of the "
                + ROWS + " rows the backfill wrote");
        assertEquals(10L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" = 'WRITTEN'"));
    }

    /**
     * No step of a backfill reads the whole table while the application works: the rows to do come from the
     * planner's estimate of an analyzed table, and the first batch, which has no high-water mark below it,
     * still scans the key's index (with an upper bound alone the planner expects a third of the table and
     * reads all of it).
     */
    @Test
    void noStepOfTheBackfillReadsTheWholeTable(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        // Rows stored in no order of their keys, as in a table that lived for a while: the planner then
        // prefers a sequential scan to an index scan of a third of the table.
        db.execute("with moved as (delete from items returning *) insert into items select * from moved order by random()");
        db.execute("vacuum analyze items");
        String read = "select coalesce(seq_tup_read, 0) from pg_stat_user_tables where relname = 'items'";
        long before = db.queryForLong(read);
        List<BackfillProgress> progress = new ArrayList<>();
        sluice.start(BackfillSettings.defaults(), new OnlineListener() {
            @Override
            public void backfillProgress(BackfillProgress p) {
                progress.add(p);
            }
        });
        awaitOtherSessionsGone(db);
        assertEquals(0L, db.queryForLong(read) - before, "rows read by sequential scans during start");
        assertEquals(ROWS, progress.get(0).rowsTotal(), "the estimate of an analyzed table");
        assertEquals(ROWS, progress.get(progress.size() - 1).rowsDone());
    }

    /**
     * On a table loaded and not vacuumed since, whose visibility map is not set, each batch reads about its
     * own keys from the key's index: the read of a range's end once took a bitmap scan and a sort of every
     * key above the high-water mark, so the index entries read grew with the square of the table's rows
     * (here about 1M for 20,000 rows in batches of 200).
     */
    @Test
    void eachBatchReadsAboutItsOwnKeysOnATableNotYetVacuumed(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db)
                .file("V1__items.sql", ITEMS.replace("not null)", "not null) with (autovacuum_enabled = false)"))
                .file("V2__upper_labels.yaml", CHANGE).sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        awaitOtherSessionsGone(db);
        String read = "select coalesce(sum(idx_tup_read), 0) from pg_stat_user_indexes where relname = 'items'";
        long before = db.queryForLong(read);
        sluice.start(BackfillSettings.defaults().withBatchSize(200), OnlineListener.NONE);
        awaitOtherSessionsGone(db);
        long entries = db.queryForLong(read) - before;
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"));
        assertTrue(entries >= ROWS && entries < 5L * ROWS, "index entries read by the backfill of " + ROWS + " rows: " + entries);
    }

    /**
     * A dropped connection in the middle of the backfill (here an administrator ends the backfill's
     * session; a restart or a failover looks the same): without a reconnect wait, start stops with
     * {@link ConnectionLostException} and keeps what committed; with one, it reconnects and goes on from
     * the high-water mark, and every row gets its new column.
     */
    @Test
    void aDroppedConnectionDuringTheBackfillStopsOrReconnectsAndGoesOn(TestDatabase db) throws Exception {
        project(db);
        Sluice stops = new MigrationProject(folder, db).sluice();
        ConnectionLostException lost = assertThrows(ConnectionLostException.class,
                () -> stops.start(BackfillSettings.defaults(), endTheBackfillsSessionAfterBatch(3, db)));
        assertTrue(lost.getMessage().startsWith("the connection to the database broke during start: "), lost.getMessage());
        assertTrue(lost.getMessage().contains("run 'sluice start' again once the server is back"), lost.getMessage());
        long kept = db.queryForLong("select rows_done from sluice_online_backfill");
        assertTrue(kept >= 3000 && kept < ROWS, "the committed batches are kept: " + kept);

        Sluice reconnects = new MigrationProject(folder, db).settings(ExecutionSettings.defaults().withReconnectWait(Duration.ofSeconds(30))).sluice();
        List<String> notices = new ArrayList<>();
        OnlineListener endsAgain = endTheBackfillsSessionAfterBatch(2, db);
        reconnects.start(BackfillSettings.defaults(), new OnlineListener() {
            @Override
            public void backfillProgress(BackfillProgress p) {
                endsAgain.backfillProgress(p);
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        assertEquals(1, notices.size(), "one reconnect: " + notices);
        assertTrue(notices.get(0).contains("waiting up to 30s for the server to come back"), notices.get(0));
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"),
                "every row has its new column");
        assertEquals(1L, db.queryForLong("select count(*) from sluice_online_backfill where done"));
    }

    /**
     * {@code migrate --complete --reconnect-wait} over a plain migration and an online one, the connection
     * dropped during the online change's backfill: the next attempt goes on with the change this run
     * started (it does not refuse to run while a change is in progress), completes it, and reports the
     * plain migration the first attempt applied.
     */
    @Test
    void migrateGoesOnWithTheChangeItStartedAfterADroppedConnection(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__items.sql", ITEMS).file("V2__upper_labels.yaml", CHANGE)
                .settings(ExecutionSettings.defaults().withReconnectWait(Duration.ofSeconds(30))).sluice();
        List<String> reconnects = new ArrayList<>();
        MigrateResult result = sluice.migrate(Optional.empty(), false, true, BackfillSettings.defaults(), new MigrationListener() {
            @Override
            public void reconnecting(String reason, Duration wait) {
                reconnects.add(reason);
            }
        }, endTheBackfillsSessionAfterBatch(3, db), BeforeRun.NOTHING, RewriteListener.NONE);
        assertEquals(1, reconnects.size(), "one reconnect: " + reconnects);
        assertTrue(reconnects.get(0).startsWith("the connection to the database broke during start of V2 upper labels: "), reconnects.get(0));
        assertEquals(List.of("1"), result.steps().stream().map(r -> r.step().migration().requireVersion().toString()).toList());
        assertEquals(1, result.online().size());
        assertEquals(List.of("1", "2"), db.queryForList("select version from sluice_history where state = 'APPLIED' order by installed_rank"));
        assertEquals(0L, db.queryForLong("select count(*) from items where label is distinct from upper(label)"),
                "complete kept the new column, which the backfill filled for every row");
    }

    /**
     * {@code rollback} of a change in progress whose session is ended while its abort waits for the table's
     * lock: without a reconnect wait it stops with {@link ConnectionLostException} and the change stays in
     * progress; with one it goes on, aborts the change and leaves V1 applied.
     */
    @Test
    void rollbackOfAChangeInProgressRidesOutADroppedConnection(TestDatabase db) throws Exception {
        project(db).start(BackfillSettings.defaults(), OnlineListener.NONE);
        Sluice stops = new MigrationProject(folder, db).sluice();
        ConnectionLostException lost = assertThrows(ConnectionLostException.class,
                () -> endTheSessionWaitingForItemsDuring(db, () -> stops.rollback(1, Optional.empty(), MigrationListener.NONE)));
        assertTrue(lost.getMessage().startsWith("the connection to the database broke during rollback of V2 in progress: "), lost.getMessage());
        assertTrue(stops.onlineInProgress().isPresent(), "the abort did not commit: the change is still in progress");

        Sluice reconnects = new MigrationProject(folder, db).settings(ExecutionSettings.defaults().withReconnectWait(Duration.ofSeconds(30))).sluice();
        List<String> reasons = new ArrayList<>();
        MigrateResult result = endTheSessionWaitingForItemsDuring(db, () -> reconnects.rollback(1, Optional.empty(), new MigrationListener() {
            @Override
            public void reconnecting(String reason, Duration wait) {
                reasons.add(reason);
            }
        }));
        assertEquals(1, reasons.size(), "one reconnect: " + reasons);
        assertEquals(List.of("2"), result.online().stream().map(OnlineChange::version).toList());
        assertTrue(reconnects.onlineInProgress().isEmpty());
        assertEquals(List.of("1"), db.queryForList("select version from sluice_history where state = 'APPLIED' order by installed_rank"),
                "the retry aborted the change and rolled back nothing else");
        assertEquals(0L, db.queryForLong("select count(*) from information_schema.columns where table_name = 'items'"
                + " and column_name = '_sluice_new_label'"));
    }

    /**
     * Runs {@code work} while another session holds ACCESS SHARE on items; once a session of Sluice waits
     * for its lock on items, that session is ended and the holder lets go.
     */
    private static <T> T endTheSessionWaitingForItemsDuring(TestDatabase db, java.util.concurrent.Callable<T> work) throws Exception {
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("lock table items in access share mode");
            }
            Thread ender = new Thread(() -> {
                try {
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (System.nanoTime() < deadline && db.queryForLong("select count(pg_terminate_backend(a.pid)) from pg_stat_activity a"
                            + " join pg_locks l on l.pid = a.pid and not l.granted and l.relation = 'items'::regclass"
                            + " where a.datname = current_database() and a.application_name = 'sluice'") == 0) {
                        Thread.sleep(20);
                    }
                    holder.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ender.start();
            try {
                return work.call();
            } finally {
                ender.join();
            }
        }
    }

    /**
     * A listener that, after the {@code n}-th batch of its run, ends the backfill's session from another
     * connection: the session of this database that does not hold the migration lock.
     */
    private static OnlineListener endTheBackfillsSessionAfterBatch(int n, TestDatabase db) {
        AtomicLong batches = new AtomicLong();
        return new OnlineListener() {
            @Override
            public void backfillProgress(BackfillProgress p) {
                if (batches.incrementAndGet() == n) {
                    try {
                        db.execute("select pg_terminate_backend(a.pid) from pg_stat_activity a where a.datname = current_database()"
                                + " and a.pid <> pg_backend_pid() and a.application_name = 'sluice'"
                                + " and not exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory')");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    /** Statistics reach the shared counters when a session ends: waits until this database has no other session. */
    private static void awaitOtherSessionsGone(TestDatabase db) throws Exception {
        String others = "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (db.queryForLong(others) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /**
     * A batch whose rows another transaction deletes after the batch read its key range writes none of them;
     * the walk must go on to the bound, not take the empty batch for its end.
     */
    @Test
    void aBatchEmptiedByAConcurrentDeleteDoesNotEndTheWalk(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<BackfillProgress> progress = new ArrayList<>();
        Connection deleter = db.connect();
        try {
            deleter.setAutoCommit(false);
            sluice.start(BackfillSettings.defaults().withBatchSize(1000), new OnlineListener() {
                @Override
                public void backfillProgress(BackfillProgress p) {
                    progress.add(p);
                    if (progress.size() == 1) {
                        // Rows 1001-2000, the next batch's, deleted by a transaction that commits while that
                        // batch waits for their row locks.
                        try (Statement s = deleter.createStatement()) {
                            s.execute("delete from items where id between 1001 and 2000");
                        } catch (SQLException e) {
                            failure.set(e);
                        }
                        Thread commit = new Thread(() -> {
                            try {
                                Thread.sleep(300);
                                deleter.commit();
                            } catch (Exception e) {
                                failure.set(e);
                            }
                        });
                        commit.start();
                    }
                }
            });
        } finally {
            deleter.close();
        }
        assertNull(failure.get());
        assertEquals(0L, progress.get(1).rowsDone() - progress.get(0).rowsDone(), "the second batch wrote nothing");
        assertTrue(progress.get(progress.size() - 1).done());
        assertEquals(ROWS - 1000, db.queryForLong("select count(*) from items"));
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"),
                "every row above the emptied batch got its new column");
    }

    @Test
    void aStoppedBackfillResumesAfterItsLastBatch(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        RuntimeException crash = new RuntimeException("stopped after three batches");
        List<BackfillProgress> first = new ArrayList<>();
        assertThrows(RuntimeException.class, () -> sluice.start(BackfillSettings.defaults().withBatchSize(1000), new OnlineListener() {
            @Override
            public void backfillProgress(BackfillProgress p) {
                first.add(p);
                if (first.size() == 3) {
                    throw crash;
                }
            }
        }));
        assertEquals(3000L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is not null"));
        OnlineChange inProgress = sluice.onlineInProgress().orElseThrow();
        assertEquals(3000L, inProgress.backfills().get(0).rowsDone());

        List<BackfillProgress> resumed = new ArrayList<>();
        sluice.start(BackfillSettings.defaults().withBatchSize(1000), new OnlineListener() {
            @Override
            public void backfillProgress(BackfillProgress p) {
                resumed.add(p);
            }
        });
        assertEquals(ROWS / 1000 - 3, resumed.size(), "the resumed backfill runs only the batches left");
        BackfillProgress last = resumed.get(resumed.size() - 1);
        assertEquals(ROWS, last.rowsDone());
        assertEquals(ROWS, last.rowsTotal());
        assertEquals(0L, db.queryForLong("select count(*) from items where \"_sluice_new_label\" is distinct from upper(label)"));
    }
}
