package dev.sluice.bench;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.postgres.internal.PostgresCluster;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * "What the application feels during a migration": pgbench clients read and write a 1M-row table while
 * one long transaction holds a lock on it, and a migration that needs ACCESS EXCLUSIVE runs meanwhile,
 * once through Sluice and once through Flyway, on the same database in the same run. Then 1,000 small
 * migrations through each. Prints side-by-side tables; asserts nothing.
 */
public final class LockSafetyBenchmark {

    static final int CLIENTS = 16;
    static final int BASELINE_S = 8;
    static final int BLOCKER_S = 20;
    static final int AFTER_S = 12;

    record Outcome(String tool, double baselineTps, double windowTps, double p99WindowMs, double maxWaitMs,
                   long failed, int aborted, double completedAfterS, String error) {
    }

    public static void main(String[] args) throws Exception {
        boolean smallOnly = args.length > 0 && args[0].equals("small");
        int scale = args.length > 0 && !smallOnly ? Integer.parseInt(args[0]) : 10;
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path work = Files.createTempDirectory("sluice-bench-");
        try (PostgresCluster cluster = PostgresCluster.startThrowaway()) {
            if (smallOnly) {
                printSmallMigrations(cluster, work, small);
                return;
            }
            cluster.createDatabase("bench");
            try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("alter system set max_connections = 200");
            }
            PgBench pgbench = new PgBench(cluster.host(), cluster.port(), cluster.user(), "bench");
            System.out.println("initializing pgbench at scale " + scale + " (" + scale * 100_000 + " rows in pgbench_accounts)...");
            pgbench.initialize(scale);
            List<Outcome> outcomes = new ArrayList<>();
            // The blocker alone, with no migration: a long transaction slows pgbench by itself (it holds
            // back the cleanup of dead row versions), so this row is what the tools are measured against.
            outcomes.add(run("none", cluster, pgbench, work));
            outcomes.add(run("sluice", cluster, pgbench, work));
            outcomes.add(run("flyway", cluster, pgbench, work));
            printLockTable(outcomes);
            printSmallMigrations(cluster, work, small);
        }
    }

    private static Outcome run(String tool, PostgresCluster cluster, PgBench pgbench, Path work) throws Exception {
        System.out.println("running " + tool + " under load...");
        Path migrations = Files.createDirectories(work.resolve(tool + "-migrations"));
        Files.writeString(migrations.resolve("V1__add_column.sql"), "alter table pgbench_accounts add column x_" + tool + " int;\n");
        PgBench.Run load = pgbench.start(CLIENTS, BASELINE_S + BLOCKER_S + AFTER_S, work.resolve(tool + "-logs"));
        long t0 = System.currentTimeMillis();
        Thread.sleep(BASELINE_S * 1000L);
        long blockerStart = System.currentTimeMillis();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Long> migration;
        try (Connection blocker = cluster.connect("bench")) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("set application_name = 'long-report'");
                s.executeQuery("select count(*) from pgbench_accounts where aid < 10").close();
            }
            migration = pool.submit(() -> {
                migrate(tool, cluster, migrations);
                return System.currentTimeMillis();
            });
            Thread.sleep(BLOCKER_S * 1000L);
            blocker.commit();
        }
        List<PgBench.Tx> txs = load.await();
        String error = "";
        double completedAfter;
        try {
            completedAfter = (migration.get() - blockerStart) / 1000.0;
        } catch (Exception e) {
            completedAfter = Double.NaN;
            error = String.valueOf(e.getCause());
        }
        pool.shutdown();
        long windowStart = blockerStart * 1000;
        long windowEnd = windowStart + BLOCKER_S * 1_000_000L;
        List<PgBench.Tx> ok = txs.stream().filter(t -> !t.failed()).toList();
        double baselineTps = ok.stream().filter(t -> t.endMicros() >= t0 * 1000 + 1_000_000 && t.endMicros() < windowStart).count()
                / (double) (BASELINE_S - 1);
        List<Long> window = ok.stream().filter(t -> t.endMicros() >= windowStart && t.endMicros() < windowEnd)
                .map(PgBench.Tx::latencyMicros).sorted().toList();
        double windowTps = window.size() / (double) BLOCKER_S;
        double p99 = window.isEmpty() ? Double.NaN : window.get((int) Math.min(window.size() - 1, Math.ceil(window.size() * 0.99) - 1)) / 1000.0;
        double maxWait = ok.stream().mapToLong(PgBench.Tx::latencyMicros).max().orElse(0) / 1000.0;
        long failed = txs.stream().filter(PgBench.Tx::failed).count();
        return new Outcome(tool, baselineTps, windowTps, p99, maxWait, failed, load.abortedClients(), completedAfter, error);
    }

    private static void migrate(String tool, PostgresCluster cluster, Path migrations) {
        if (tool.equals("none")) {
            return;
        }
        if (tool.equals("sluice")) {
            Sluice sluice = new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(cluster.jdbcUrl("bench"), cluster.user(), null))
                    .historyTable("sluice_history")
                    .source(new FileSystemMigrationSource(migrations))
                    .execution(ExecutionSettings.defaults())
                    .build());
            try {
                sluice.migrate(Optional.empty(), MigrationListener.NONE);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        } else {
            Flyway.configure().dataSource(cluster.jdbcUrl("bench"), cluster.user(), "")
                    .locations("filesystem:" + migrations).table("flyway_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
    }

    private static void printLockTable(List<Outcome> outcomes) {
        System.out.println();
        System.out.printf(Locale.ROOT, "What %d pgbench clients felt while a %ds transaction blocked ALTER TABLE pgbench_accounts:%n",
                CLIENTS, BLOCKER_S);
        System.out.printf(Locale.ROOT, "%-8s %14s %16s %16s %18s %14s %16s%n", "tool", "baseline tps", "tps in window",
                "p99 in window", "longest tx wait", "client errors", "migration done");
        for (Outcome o : outcomes) {
            String done = o.tool().equals("none") ? "-" : String.format(Locale.ROOT, "%.1f s", o.completedAfterS());
            System.out.printf(Locale.ROOT, "%-8s %14.0f %10.0f (%3.0f%%) %13.0f ms %15.0f ms %14s %16s%s%n", o.tool(),
                    o.baselineTps(), o.windowTps(), 100 * o.windowTps() / o.baselineTps(), o.p99WindowMs(), o.maxWaitMs(),
                    (o.failed() + o.aborted()) + "", done, o.error().isEmpty() ? "" : "  error: " + o.error());
        }
        System.out.println("(none = the blocker alone, no migration; migration done = seconds after the blocker began; "
                + "the blocker ends at " + BLOCKER_S + " s)");
    }

    private static void printSmallMigrations(PostgresCluster cluster, Path work, int count) throws Exception {
        Path folder = Files.createDirectories(work.resolve("small"));
        for (int i = 1; i <= count; i++) {
            Files.writeString(folder.resolve("V" + i + "__create_t" + i + ".sql"),
                    "create table t" + i + " (id bigint generated always as identity primary key, name text not null);\n");
        }
        cluster.createDatabase("small_sluice");
        cluster.createDatabase("small_flyway");
        long s0 = System.nanoTime();
        new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(cluster.jdbcUrl("small_sluice"), cluster.user(), null))
                .source(new FileSystemMigrationSource(folder)).build()).migrate(Optional.empty(), MigrationListener.NONE);
        double sluiceS = (System.nanoTime() - s0) / 1e9;
        long f0 = System.nanoTime();
        Flyway.configure().dataSource(cluster.jdbcUrl("small_flyway"), cluster.user(), "")
                .locations("filesystem:" + folder).load().migrate();
        double flywayS = (System.nanoTime() - f0) / 1e9;
        System.out.println();
        System.out.printf(Locale.ROOT, "%d small migrations (one CREATE TABLE each) on an empty database:%n", count);
        System.out.printf(Locale.ROOT, "%-8s %10s %14s%n", "tool", "total", "per migration");
        System.out.printf(Locale.ROOT, "%-8s %8.2f s %11.2f ms%n", "sluice", sluiceS, sluiceS * 1000 / count);
        System.out.printf(Locale.ROOT, "%-8s %8.2f s %11.2f ms%n", "flyway", flywayS, flywayS * 1000 / count);
    }

    private LockSafetyBenchmark() {
    }
}
