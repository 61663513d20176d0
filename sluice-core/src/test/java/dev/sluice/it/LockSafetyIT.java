package dev.sluice.it;

import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.PlanStep;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.MigrationState;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lock timeouts, retries, concurrent index builds and concurrent runners on real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@Timeout(120)
class LockSafetyIT {

    @TempDir
    Path folder;

    /**
     * These tests exercise the retry path, so the wait for blockers before the first attempt is kept out of
     * the way (no test transaction is an hour old); {@link #aVisibleBlockerIsWaitedOutWithNoLockRequestQueued}
     * covers that wait.
     */
    private static final ExecutionSettings FAST = ExecutionSettings.defaults()
            .withLockTimeout(Duration.ofMillis(200)).withRetryDeadline(Duration.ofSeconds(30)).withBlockerGrace(Duration.ofHours(1));

    /** Counts retries and keeps their reasons. */
    static final class Recorder implements MigrationListener {
        final List<String> retries = new CopyOnWriteArrayList<>();
        final List<String> notices = new CopyOnWriteArrayList<>();

        @Override
        public void retrying(PlanStep step, int attempt, Duration delay, String reason) {
            retries.add(reason);
        }

        @Override
        public void notice(PlanStep step, String message) {
            notices.add(message);
        }
    }

    private MigrationProject project(TestDatabase db) throws Exception {
        db.execute("create table accounts (id int primary key, balance int not null default 0)");
        db.execute("insert into accounts select g, 0 from generate_series(1, 100) g");
        return new MigrationProject(folder, db).settings(FAST)
                .file("V1__add_note.sql", "alter table accounts add column note text;\n");
    }

    /** A transaction that reads the table and keeps its ACCESS SHARE lock until released. */
    private static Connection blocker(TestDatabase db) throws Exception {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set application_name = 'long-report'");
            s.executeQuery("select count(*) from accounts").close();
        }
        return c;
    }

    @Test
    void retriesAfterALockTimeoutUntilTheBlockerLetsGo(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        Connection blocker = blocker(db);
        Recorder recorder = new Recorder();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MigrateResult> run = pool.submit(() -> sluice.migrate(Optional.empty(), recorder));
        while (recorder.retries.isEmpty()) {
            Thread.sleep(50);
        }
        Thread.sleep(1500);
        assertEquals(1, recorder.retries.size(), "while the known blocker lives, no further attempt queues traffic");
        blocker.commit();
        blocker.close();
        MigrateResult result = run.get();
        pool.shutdown();
        assertEquals(1, result.steps().size());
        assertTrue(db.queryForBoolean("select exists (select 1 from information_schema.columns where column_name = 'note')"));
        assertTrue(recorder.retries.get(0).contains("55P03"), recorder.retries.toString());
        assertTrue(recorder.retries.stream().anyMatch(r -> r.contains("long-report")), "the blocker is named: " + recorder.retries);
        assertTrue(recorder.notices.stream().anyMatch(n -> n.contains("long-report") && n.contains("accounts")),
                "pre-flight names the lock holder: " + recorder.notices);
        List<AppliedMigration> history = sluice.history();
        assertEquals(List.of(MigrationState.APPLIED), history.stream().map(AppliedMigration::state).toList(),
                "retries leave no FAILED rows");
    }

    @Test
    void givesUpAtTheDeadlineWithNothingHalfApplied(TestDatabase db) throws Exception {
        Sluice sluice = project(db)
                .file("V1__add_note.sql", "create table audit (id int);\nalter table accounts add column note text;\n")
                .settings(FAST.withRetryDeadline(Duration.ofSeconds(2))).sluice();
        try (Connection blocker = blocker(db)) {
            assertFalse(blocker.getAutoCommit(), "the blocker keeps its transaction open");
            MigrationFailedException e = assertThrows(MigrationFailedException.class,
                    () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
            assertTrue(e.getMessage().contains("gave up after"), e.getMessage());
            assertTrue(e.getMessage().contains("V1__add_note.sql:2:"), e.getMessage());
            assertTrue(e.getCause() instanceof MigrationFailedException cause && cause.sqlState().orElse("").equals("55P03"),
                    "the last lock timeout is the cause");
            assertTrue(e.rolledBack());
        }
        assertFalse(db.queryForBoolean("select to_regclass('audit') is not null"), "nothing half applied");
        assertFalse(db.queryForBoolean("select exists (select 1 from information_schema.columns where column_name = 'note')"));
        assertEquals(List.of(MigrationState.FAILED), sluice.history().stream().map(AppliedMigration::state).toList());
    }

    @Test
    void withoutASeenBlockerItBacksOffAndKeepsEveryAttempt(TestDatabase db) throws Exception {
        // A lock timeout shorter than the blocker watch's first look: the blocker is never identified,
        // so the retries fall back to exponential backoff.
        Sluice sluice = project(db).settings(FAST.withLockTimeout(Duration.ofMillis(20)).withRetryDeadline(Duration.ofMillis(1500)))
                .sluice();
        Recorder recorder = new Recorder();
        try (Connection blocker = blocker(db)) {
            assertFalse(blocker.getAutoCommit(), "the blocker keeps its transaction open");
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> sluice.migrate(Optional.empty(), recorder));
            assertTrue(recorder.retries.size() >= 2, recorder.retries.toString());
            assertEquals(recorder.retries.size(), e.getSuppressed().length, "every earlier attempt is kept");
            assertTrue(e.getMessage().contains("gave up after " + (recorder.retries.size() + 1) + " attempts"), e.getMessage());
        }
    }

    @Test
    void applicationQueriesDoNotQueueBehindAWaitingMigration(TestDatabase db) throws Exception {
        Sluice sluice = project(db).settings(FAST.withRetryDeadline(Duration.ofSeconds(3))).sluice();
        try (Connection blocker = blocker(db); Connection app = db.connect()) {
            assertFalse(blocker.getAutoCommit(), "the blocker keeps its transaction open");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> run = pool.submit(() -> {
                try {
                    sluice.migrate(Optional.empty(), MigrationListener.NONE);
                } catch (Exception ignored) {
                    // It gives up at the deadline while the blocker holds on.
                }
                return null;
            });
            Thread.sleep(500);
            // With a plain ALTER waiting for ACCESS EXCLUSIVE, this read would queue behind it; with a
            // 200 ms lock timeout it gets through. The statement_timeout turns a queue into a failure.
            try (Statement s = app.createStatement()) {
                s.execute("set statement_timeout = '1500ms'");
                for (int i = 0; i < 5; i++) {
                    s.executeQuery("select count(*) from accounts").close();
                    Thread.sleep(100);
                }
            }
            run.get();
            pool.shutdown();
        }
    }

    @Test
    void aVisibleBlockerIsWaitedOutWithNoLockRequestQueued(TestDatabase db) throws Exception {
        Sluice sluice = project(db).settings(ExecutionSettings.defaults().withLockTimeout(Duration.ofSeconds(5))).sluice();
        Connection blocker = blocker(db);
        Thread.sleep(200);
        Recorder recorder = new Recorder();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MigrateResult> run = pool.submit(() -> sluice.migrate(Optional.empty(), recorder));
        while (recorder.notices.stream().noneMatch(n -> n.startsWith("waiting, with no lock request queued"))) {
            assertFalse(run.isDone(), "the migration must wait for the blocker: " + recorder.notices);
            Thread.sleep(25);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(0L, db.queryForLong("select count(*) from pg_locks where not granted and relation = 'accounts'::regclass"),
                    "no lock request waits in the queue of accounts while the blocker lives");
            Thread.sleep(50);
        }
        assertFalse(run.isDone());
        blocker.commit();
        blocker.close();
        assertEquals(1, run.get().steps().size());
        pool.shutdown();
        assertTrue(recorder.retries.isEmpty(), "the first attempt got its lock: " + recorder.retries);
        assertTrue(recorder.notices.stream().anyMatch(n -> n.contains("long-report") && n.contains("ACCESS EXCLUSIVE on accounts")),
                recorder.notices.toString());
    }

    @Test
    void aYoungTransactionIsNotWaitedForUpFront(TestDatabase db) throws Exception {
        Sluice sluice = project(db).settings(ExecutionSettings.defaults().withBlockerGrace(Duration.ofHours(1))
                .withLockTimeout(Duration.ofMillis(200)).withRetryDeadline(Duration.ofSeconds(1))).sluice();
        Recorder recorder = new Recorder();
        try (Connection blocker = blocker(db)) {
            assertFalse(blocker.getAutoCommit());
            assertThrows(MigrationFailedException.class, () -> sluice.migrate(Optional.empty(), recorder));
        }
        assertTrue(recorder.notices.stream().noneMatch(n -> n.startsWith("waiting, with no lock request queued")), recorder.notices.toString());
        assertFalse(recorder.retries.isEmpty(), "a transaction within the grace period is met by the lock timeout and a retry");
    }

    @Test
    void concurrentIndexBuildDoesNotWaitOnSluice(TestDatabase db) throws Exception {
        Sluice sluice = project(db)
                .file("V2__index.sql", "create index concurrently if not exists accounts_balance_idx on accounts (balance);\n")
                .sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertTrue(db.queryForBoolean("select indisvalid from pg_index where indexrelid = 'accounts_balance_idx'::regclass"));
    }

    @Test
    void invalidIndexLeftByAnInterruptedBuildIsDroppedAndRebuilt(TestDatabase db) throws Exception {
        MigrationProject p = project(db);
        db.execute("insert into accounts values (1000, 7), (1001, 7)");
        // A unique build over duplicates fails and leaves an invalid index, as an interrupted build does.
        assertThrows(Exception.class, () -> db.execute("create unique index concurrently accounts_balance_idx on accounts (balance)"));
        assertFalse(db.queryForBoolean("select indisvalid from pg_index where indexrelid = 'accounts_balance_idx'::regclass"));
        Recorder recorder = new Recorder();
        p.file("V2__index.sql", "create index concurrently if not exists accounts_balance_idx on accounts (balance);\n")
                .sluice().migrate(Optional.empty(), recorder);
        assertTrue(db.queryForBoolean("select indisvalid from pg_index where indexrelid = 'accounts_balance_idx'::regclass"));
        assertTrue(recorder.notices.stream().anyMatch(n -> n.contains("dropped invalid index accounts_balance_idx")), recorder.notices.toString());
    }

    @Test
    void twoConcurrentRunnersApplyEachMigrationOnce(TestDatabase db) throws Exception {
        concurrentRunners(db, 2);
    }

    @Test
    void tenConcurrentRunnersApplyEachMigrationOnce(TestDatabase db) throws Exception {
        concurrentRunners(db, 10);
    }

    private void concurrentRunners(TestDatabase db, int runners) throws Exception {
        MigrationProject p = project(db);
        for (int v = 2; v <= 6; v++) {
            p.file("V" + v + "__step_" + v + ".sql", "create table t" + v + " (id int);\nselect pg_sleep(0.05);\n");
        }
        p.file("V7__index.sql", "create index concurrently if not exists t2_id on t2 (id);\n");
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            Sluice sluice = p.sluice();
            results.add(pool.submit(() -> {
                start.await();
                return sluice.migrate(Optional.empty(), MigrationListener.NONE);
            }));
        }
        start.countDown();
        int stepsRun = 0;
        for (Future<MigrateResult> f : results) {
            stepsRun += f.get().steps().size();
        }
        pool.shutdown();
        assertEquals(7, stepsRun, "every migration ran exactly once across all runners");
        Map<String, Long> applied = p.sluice().history().stream()
                .collect(Collectors.groupingBy(r -> r.version().orElseThrow().toString() + ":" + r.state(), Collectors.counting()));
        for (int v = 1; v <= 7; v++) {
            assertEquals(1L, applied.get(v + ":APPLIED"), "V" + v + " in " + applied);
        }
        assertEquals(7, applied.values().stream().mapToLong(Long::longValue).sum(), "no other rows: " + applied);
        assertTrue(Files.exists(folder.resolve("V7__index.sql")));
    }
}
