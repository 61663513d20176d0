package dev.sluice.it;

import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.db.LockBusyException;
import dev.sluice.db.LockLostException;
import dev.sluice.execution.ConnectionLostException;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationListener;
import dev.sluice.history.HistoryConflictException;
import dev.sluice.lint.LintSettings;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection on real PostgreSQL: the runner killed with SIGKILL after every statement of a mixed
 * 22-migration project (transactional, autocommit with and without {@code IF NOT EXISTS}, concurrent
 * index builds), its lock session terminated while a second runner starts, and the server crashing and
 * restarting in the middle of a migration. After each fault, a plain {@code migrate} must end with the
 * schema and data of an uninterrupted run, every version applied exactly once, and no invalid index.
 *
 * <p>The counts of cases and outcomes are printed at the end, for the record.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(300)
class FaultInjectionIT {

    private static final Path PROJECT = resource("fault-project");
    /** Body statements of the project, in order; the runner can be killed after each of them. */
    private static final int STATEMENTS = 48;

    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger AUTOMATIC = new AtomicInteger();
    private static final AtomicInteger NAMED_COMMAND = new AtomicInteger();
    private static volatile Outcome reference;
    /** Runners run side by side on threads of their own; the common pool has one thread on a 2-core machine. */
    private static final ExecutorService RUNNERS = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(FaultInjectionIT.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void report() {
        int wrong = CASES.get() - AUTOMATIC.get() - NAMED_COMMAND.get();
        System.out.println("fault injection: " + CASES.get() + " cases, " + AUTOMATIC.get() + " recovered automatically, "
                + NAMED_COMMAND.get() + " recovered with the named command, " + wrong + " wrong");
    }

    static IntStream boundaries() {
        return IntStream.rangeClosed(1, STATEMENTS);
    }

    @ParameterizedTest(name = "kill -9 after statement {0}")
    @MethodSource("boundaries")
    void killAtEveryStatementBoundary(int n, TestDatabase db) throws Exception {
        CASES.incrementAndGet();
        Outcome expected = reference(db);
        int exit = runAndKill(db, n);
        assertEquals(137, exit, "the runner must have been killed after statement " + n + ": " + Files.readString(dir.resolve("runner.log")));

        sluice(db, ExecutionSettings.defaults()).migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(expected, Outcome.of(db, sluice(db, ExecutionSettings.defaults())), "after a kill after statement " + n);
        AUTOMATIC.incrementAndGet();
    }

    @Test
    void theProjectHasAsManyStatementsAsTheSuiteKillsAt(TestDatabase db) throws Exception {
        AtomicInteger statements = new AtomicInteger();
        sluice(db, ExecutionSettings.defaults()).migrate(Optional.empty(), new MigrationListener() {
            @Override
            public void statementFinished(dev.sluice.execution.PlanStep step, dev.sluice.sql.SqlStatement s, long millis) {
                statements.incrementAndGet();
            }
        });
        assertEquals(STATEMENTS, statements.get());
    }

    /** Kills a runner process after its n-th statement; returns its exit code. */
    private int runAndKill(TestDatabase db, int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KillingRunner.class.getName(), PROJECT.toString(), db.jdbcUrl(), db.user(), Integer.toString(n))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("runner.log").toFile());
        pb.environment().put("RUNNER_PASSWORD", db.password());
        Process runner = pb.start();
        if (!runner.waitFor(120, TimeUnit.SECONDS)) {
            runner.destroyForcibly();
            throw new AssertionError("runner hung: " + Files.readString(dir.resolve("runner.log")));
        }
        return runner.exitValue();
    }

    private static Sluice sluice(TestDatabase db, ExecutionSettings settings) {
        return sluice(db.jdbcUrl(), db.user(), db.password(), PROJECT, settings);
    }

    private static Sluice sluice(String url, String user, String password, Path folder, ExecutionSettings settings) {
        return new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(url, user, password))
                .source(new FileSystemMigrationSource(folder))
                .lint(LintSettings.defaults().withBeforeMigrate(false))
                .execution(settings)
                .build());
    }

    private static Outcome reference(TestDatabase db) throws SQLException {
        if (reference == null) {
            TestDatabase clean = db.another();
            Sluice s = sluice(clean, ExecutionSettings.defaults());
            s.migrate(Optional.empty(), MigrationListener.NONE);
            reference = Outcome.of(clean, s);
        }
        return reference;
    }

    // ---- the lock session terminated, with a second runner starting -------------------------------------

    @Test
    void aRunnerThatLostItsLockNeverAppliesAMigrationTwice(TestDatabase db) throws Exception {
        CASES.incrementAndGet();
        Files.writeString(dir.resolve("V1__log.sql"), "create table payments_log (id int, note text);\n");
        Files.writeString(dir.resolve("V2__seed.sql"), "insert into payments_log values (1, 'seed');\nselect pg_sleep(4);\n");
        Files.writeString(dir.resolve("V3__more.sql"), "alter table payments_log add column at timestamptz;\n");
        ExecutionSettings settings = ExecutionSettings.defaults();
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> outcomeOf(db, settings), RUNNERS);
        awaitSleep(db);
        assertEquals(1L, db.queryForLong("select count(pg_terminate_backend(l.pid)) from pg_locks l "
                + "where l.locktype = 'advisory' and l.database = (select oid from pg_database where datname = current_database())"));
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> outcomeOf(db, settings), RUNNERS);
        Object a = first.get(60, TimeUnit.SECONDS);
        Object b = second.get(60, TimeUnit.SECONDS);

        for (Object r : List.of(a, b)) {
            assertTrue(r instanceof MigrateResult || r instanceof LockLostException || r instanceof HistoryConflictException,
                    "each runner either finished or stopped because of the lost lock: " + r);
        }
        assertTrue(a instanceof LockLostException || a instanceof HistoryConflictException,
                "the first runner must notice that it lost its lock: " + a);
        assertEquals(1L, db.queryForLong("select count(*) from payments_log"), "the seed row exactly once");
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and state = 'APPLIED'"));

        sluice(db.jdbcUrl(), db.user(), db.password(), dir, settings).migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(1L, db.queryForLong("select count(*) from payments_log"));
        assertExactlyOnce(db, 3);
        AUTOMATIC.incrementAndGet();
    }

    @Test
    void idleSessionTimeoutDoesNotEndTheLockSession(TestDatabase db) throws Exception {
        db.execute("alter database " + db.name() + " set idle_session_timeout = '1s'");
        Files.writeString(dir.resolve("V1__slow.sql"), "create table t (id int);\nselect pg_sleep(3);\n");
        Files.writeString(dir.resolve("V2__next.sql"), "alter table t add column note text;\n");
        ExecutionSettings settings = ExecutionSettings.defaults();
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> outcomeOf(db, settings), RUNNERS);
        awaitSleep(db);
        Thread.sleep(1500);
        Object second = outcomeOf(db, settings.withLockWait(Duration.ofMillis(300)));
        assertInstanceOf(LockBusyException.class, second, "the lock must still be held after more than idle_session_timeout");
        assertInstanceOf(MigrateResult.class, first.get(60, TimeUnit.SECONDS));
        assertExactlyOnce(db, 2);
    }

    @Test
    void theHistoryRefusesASecondAppliedRowForOneVersion(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int);\n");
        sluice(db.jdbcUrl(), db.user(), db.password(), dir, ExecutionSettings.defaults()).migrate(Optional.empty(), MigrationListener.NONE);
        SQLException refused = assertThrows(SQLException.class, () -> db.execute("insert into sluice_history (installed_rank, version, "
                + "description, type, script, installed_by, state) values (99, '1', 't', 'SQL', 'V1__t.sql', 'x', 'APPLIED')"));
        assertEquals("23505", refused.getSQLState());
        // An undo row shares its version, and a rolled-back row makes room for the version to be applied again.
        db.execute("insert into sluice_history (installed_rank, version, description, type, script, installed_by, state) "
                + "values (98, '1', 't', 'UNDO', 'U1__t.sql', 'x', 'APPLIED')");
        db.execute("update sluice_history set state = 'ROLLED_BACK' where installed_rank = 1");
        db.execute("insert into sluice_history (installed_rank, version, description, type, script, installed_by, state) "
                + "values (99, '1', 't', 'SQL', 'V1__t.sql', 'x', 'APPLIED')");
    }

    @Test
    void aHistoryWithDuplicatesFromAnOlderReleaseIsNamedNotSilentlyKept(TestDatabase db) throws Exception {
        db.execute("create table sluice_history (installed_rank integer primary key, version varchar(50), description varchar(200) not null, "
                + "type varchar(20) not null, script varchar(1000) not null, checksum varchar(64), installed_by varchar(100) not null, "
                + "started_at timestamptz not null default now(), finished_at timestamptz, execution_ms bigint, state varchar(20) not null, "
                + "schema_fingerprint varchar(64))");
        db.execute("insert into sluice_history (installed_rank, version, description, type, script, installed_by, state) values "
                + "(1, '1', 't', 'SQL', 'V1__t.sql', 'x', 'APPLIED'), (2, '1', 't', 'SQL', 'V1__t.sql', 'x', 'APPLIED')");
        Files.writeString(dir.resolve("V1__t.sql"), "create table t (id int);\n");
        Object r = outcomeOf(db, ExecutionSettings.defaults());
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, r);
        assertTrue(e.getMessage().contains("version 1 in rows 1, 2"), e.getMessage());
    }

    // ---- the server crashes and restarts mid-migration -------------------------------------------------

    private static PostgresCluster crashing;

    @BeforeAll
    static void startCrashableServer() {
        crashing = PostgresCluster.startThrowaway();
    }

    @AfterAll
    static void stopCrashableServer() {
        crashing.close();
    }

    /**
     * A database whose commits are durable. The throwaway server runs with synchronous_commit off, under
     * which a commit acknowledged just before a crash can be lost in recovery: a migration committed a few
     * hundred milliseconds before the kill would then run again, which is the server's doing, not the runner's.
     */
    private String crashableDatabase() throws SQLException, InterruptedException {
        String name = "crash_" + System.nanoTime();
        awaitServer("postgres");
        crashing.createDatabase(name);
        try (Connection c = crashing.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("alter database \"" + name + "\" set synchronous_commit = on");
        }
        return name;
    }

    /** A statement that sleeps until the server has crashed once, so that the run after the crash is quick. */
    private static final String SLEEP_UNTIL_CRASHED = "select pg_sleep(case when to_regclass('crashed') is null then 20 else 0 end);\n";

    /**
     * Kills the backend running pg_sleep with SIGKILL: the postmaster ends every session and restarts. Then
     * marks the database as crashed, which ends the sleep of the next run at once.
     */
    private void crashServerDuringSleep(String database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = crashing.connect(database); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select pid from pg_stat_activity where state = 'active' and query like 'select pg_sleep%'")) {
                if (rs.next()) {
                    new ProcessBuilder("kill", "-9", Integer.toString(rs.getInt(1))).start().waitFor();
                    break;
                }
            } catch (SQLException stillRecovering) {
                // The server may still be restarting after the previous test's crash; look again.
            }
            assertTrue(System.nanoTime() < deadline, "the migration never reached pg_sleep");
            Thread.sleep(50);
        }
        // A connection can get in before the postmaster has begun its crash restart, and be reset by it:
        // create the marker until it is there.
        long restarted = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            awaitServer(database);
            try (Connection c = crashing.connect(database); Statement s = c.createStatement()) {
                s.execute("create table if not exists crashed ()");
                return;
            } catch (SQLException restarting) {
                assertTrue(System.nanoTime() < restarted, "the server did not come back: " + restarting.getMessage());
                Thread.sleep(100);
            }
        }
    }

    private Sluice onCrashable(String database, ExecutionSettings settings) {
        return sluice(crashing.jdbcUrl(database), crashing.user(), null, dir, settings);
    }

    @Test
    void aServerCrashReportsTheMigrationAndWhatCommittedNotAClosedConnection() throws Exception {
        CASES.incrementAndGet();
        String database = crashableDatabase();
        Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "create table b (id int);\n" + SLEEP_UNTIL_CRASHED);
        Files.writeString(dir.resolve("V3__c.sql"), "create table c (id int);\n");
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> outcomeOf(onCrashable(database, ExecutionSettings.defaults())), RUNNERS);
        crashServerDuringSleep(database);
        ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, run.get(60, TimeUnit.SECONDS));
        assertTrue(lost.getMessage().contains("V2 b") && lost.getMessage().contains("committed before it in this run: V1 a"),
                lost.getMessage());
        assertFalse(lost.getMessage().contains("This connection has been closed"), lost.getMessage());

        awaitServer(database);
        onCrashable(database, ExecutionSettings.defaults()).migrate(Optional.empty(), MigrationListener.NONE);
        assertCrashableExactlyOnce(database, 3);
        AUTOMATIC.incrementAndGet();
    }

    @Test
    void aServerCrashInAnAutocommitMigrationResumesAfterItsLastFinishedStatement() throws Exception {
        CASES.incrementAndGet();
        String database = crashableDatabase();
        Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "create table b (id int);\ncreate index concurrently b_id on b (id);\n"
                + "insert into b values (1);\n" + SLEEP_UNTIL_CRASHED + "insert into b values (2);\n");
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> outcomeOf(onCrashable(database, ExecutionSettings.defaults())), RUNNERS);
        crashServerDuringSleep(database);
        ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, run.get(60, TimeUnit.SECONDS));
        assertTrue(lost.getMessage().contains("statements 1-3 of 5 had taken effect"), lost.getMessage());

        awaitServer(database);
        onCrashable(database, ExecutionSettings.defaults()).migrate(Optional.empty(), MigrationListener.NONE);
        try (Connection c = crashing.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select string_agg(id::text, ',' order by id) from b")) {
            rs.next();
            assertEquals("1,2", rs.getString(1), "each insert exactly once");
        }
        assertCrashableExactlyOnce(database, 2);
        AUTOMATIC.incrementAndGet();
    }

    @Test
    void withReconnectWaitTheRunWaitsForTheServerAndFinishes() throws Exception {
        CASES.incrementAndGet();
        String database = crashableDatabase();
        Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "create table b (id int);\n" + SLEEP_UNTIL_CRASHED);
        Files.writeString(dir.resolve("V3__c.sql"), "create table c (id int);\n");
        List<String> notes = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void reconnecting(String reason, Duration wait) {
                notes.add(reason);
            }
        };
        Sluice sluice = onCrashable(database, ExecutionSettings.defaults().withReconnectWait(Duration.ofSeconds(60)));
        CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return sluice.migrate(Optional.empty(), listener);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, RUNNERS);
        crashServerDuringSleep(database);
        MigrateResult result = run.get(90, TimeUnit.SECONDS);
        assertEquals(1, notes.size(), notes.toString());
        assertEquals("3", result.after().orElseThrow().toString());
        assertEquals(3, result.steps().size(), "V1 before the crash, V2 and V3 after it: " + result.steps().stream().map(s -> s.step().migration().label()).toList());
        assertCrashableExactlyOnce(database, 3);
        AUTOMATIC.incrementAndGet();
    }

    private void awaitServer(String database) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = crashing.connect(database)) {
                return;
            } catch (SQLException e) {
                assertTrue(System.nanoTime() < deadline, "the server did not come back: " + e.getMessage());
                Thread.sleep(100);
            }
        }
    }

    private void assertCrashableExactlyOnce(String database, int versions) throws SQLException {
        try (Connection c = crashing.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(distinct version), count(*), "
                     + "(select count(*) from pg_index where not indisvalid) from sluice_history where state = 'APPLIED'")) {
            rs.next();
            assertEquals(versions, rs.getInt(1), "versions applied");
            assertEquals(versions, rs.getInt(2), "APPLIED rows");
            assertEquals(0, rs.getInt(3), "invalid indexes");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static void assertExactlyOnce(TestDatabase db, int versions) throws SQLException {
        assertEquals(versions, db.queryForLong("select count(distinct version) from sluice_history where state = 'APPLIED'"));
        assertEquals(versions, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED'"));
        assertEquals(0L, db.queryForLong("select count(*) from pg_index where not indisvalid"));
    }

    private Object outcomeOf(TestDatabase db, ExecutionSettings settings) {
        return outcomeOf(sluice(db.jdbcUrl(), db.user(), db.password(), dir, settings));
    }

    private static Object outcomeOf(Sluice sluice) {
        try {
            return sluice.migrate(Optional.empty(), MigrationListener.NONE);
        } catch (RuntimeException | SQLException e) {
            return e;
        }
    }

    private static void awaitSleep(TestDatabase db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryForLong("select count(*) from pg_stat_activity where state = 'active' "
                + "and query like 'select pg_sleep%' and datname = current_database()") == 0) {
            assertTrue(System.nanoTime() < deadline, "the migration never reached pg_sleep");
            Thread.sleep(25);
        }
    }

    /**
     * What a run leaves: the schema's fingerprint, a digest of every table's rows, which versions are
     * applied how often, and how many indexes are invalid.
     */
    record Outcome(String fingerprint, List<String> tables, String appliedVersions, long invalidIndexes) {

        static Outcome of(TestDatabase db, Sluice sluice) throws SQLException {
            List<String> tables = new ArrayList<>();
            for (String table : db.queryForList("select tablename from pg_tables where schemaname = 'public' "
                    + "and tablename <> 'sluice_history' order by tablename")) {
                tables.add(table + " " + db.queryForString("select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from "
                        + table + " t"));
            }
            return new Outcome(sluice.snapshot().fingerprint(), tables,
                    db.queryForString("select string_agg(version || 'x' || n, ',' order by version::int) from (select version, "
                            + "count(*) n from sluice_history where state = 'APPLIED' and type <> 'UNDO' group by version) v"),
                    db.queryForLong("select count(*) from pg_index where not indisvalid"));
        }
    }
}
