package dev.sluice.bench;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineListener;
import dev.sluice.postgres.internal.PostgresCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An online change under load, in one run on a throwaway PostgreSQL: {@code change_column_type} of
 * {@code pgbench_accounts.abalance} (1M rows at scale 10) to bigint, which every pgbench TPC-B transaction
 * writes. (a) The backfill runs while pgbench clients write: its rate against one {@code UPDATE} of the
 * whole table (the limit, no load), and the clients' p99 and errors against a baseline of the same load
 * with no change. (b) The dual-write trigger's cost: pgbench TPC-B tps and one full-table {@code UPDATE}
 * with the change in progress (triggers installed) against the same after its rollback. Prints
 * side-by-side tables with ratios; asserts nothing.
 */
public final class OnlineBenchmark {

    static final int CLIENTS = 8;
    static final int BASELINE_S = 20;
    static final int TPS_S = 20;
    static final int MAX_BACKFILL_S = 240;

    static final String CHANGE = "operations:\n  - change_column_type:\n      table: pgbench_accounts\n      column: abalance\n"
            + "      type: bigint\n      up: abalance::bigint\n      down: abalance::integer\n";

    record Load(double tps, double p99Ms, long errors, int aborted, long transactions) {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path work = Files.createTempDirectory("sluice-online-bench-");
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__abalance_bigint.yaml"), CHANGE);
        try (PostgresCluster cluster = PostgresCluster.startThrowaway()) {
            cluster.createDatabase("bench");
            PgBench pgbench = new PgBench(cluster.host(), cluster.port(), cluster.user(), "bench");
            System.out.println("initializing pgbench at scale " + scale + " (" + scale * 100_000 + " rows in pgbench_accounts)...");
            pgbench.initialize(scale);
            long rows = scale * 100_000L;
            Sluice sluice = new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(cluster.jdbcUrl("bench"), cluster.user(), null))
                    .source(new FileSystemMigrationSource(migrations)).execution(ExecutionSettings.defaults()).build());

            System.out.println("baseline: pgbench, no change, " + BASELINE_S + " s...");
            Load baseline = measure(pgbench.start(CLIENTS, BASELINE_S, work.resolve("baseline")));

            System.out.println("backfill under pgbench...");
            PgBench.Run during = pgbench.start(CLIENTS, MAX_BACKFILL_S, work.resolve("during"));
            Thread.sleep(3000);
            AtomicReference<BackfillProgress> last = new AtomicReference<>();
            AtomicInteger throttled = new AtomicInteger();
            long t0 = System.currentTimeMillis() * 1000;
            sluice.start(BackfillSettings.defaults(), new OnlineListener() {
                @Override
                public void backfillProgress(BackfillProgress p) {
                    last.set(p);
                }

                @Override
                public void backfillThrottled(String table, String reason, Duration wait) {
                    throttled.incrementAndGet();
                }
            });
            long t1 = System.currentTimeMillis() * 1000;
            int aborted = CLIENTS - stop(cluster);
            Load measured = measure(during.await(), t0, t1);
            Load underBackfill = new Load(measured.tps(), measured.p99Ms(), measured.errors(), aborted, measured.transactions());
            double backfillSeconds = (t1 - t0) / 1e6;
            double backfillRate = last.get().rowsPerSecond();

            System.out.println("TPC-B with the dual-write triggers installed, " + TPS_S + " s...");
            Load withTriggers = measure(pgbench.start(CLIENTS, TPS_S, work.resolve("with")));
            System.out.println("one UPDATE of the whole table with the triggers installed...");
            double updateWith = fullUpdate(cluster);

            sluice.abortOnline(OnlineListener.NONE);
            System.out.println("TPC-B after rollback (no triggers), " + TPS_S + " s...");
            Load withoutTriggers = measure(pgbench.start(CLIENTS, TPS_S, work.resolve("without")));
            System.out.println("one UPDATE of the whole table without triggers...");
            double updateWithout = fullUpdate(cluster);

            System.out.println();
            System.out.printf(Locale.ROOT, "(a) Backfill of %,d rows (pgbench_accounts.abalance to bigint) under %d pgbench TPC-B clients:%n", rows, CLIENTS);
            System.out.printf(Locale.ROOT, "%-44s %12s %10s %10s %12s %8s%n", "", "rows/s", "seconds", "tps", "client p99", "errors");
            System.out.printf(Locale.ROOT, "%-44s %12s %10s %10.0f %9.1f ms %8d%n", "baseline load, no change", "-", "-",
                    baseline.tps(), baseline.p99Ms(), baseline.errors() + baseline.aborted());
            System.out.printf(Locale.ROOT, "%-44s %,12.0f %10.1f %10s %12s %8s%n", "one UPDATE of the whole table (limit, no load)",
                    rows / updateWithout, updateWithout, "-", "-", "-");
            System.out.printf(Locale.ROOT, "%-44s %,12.0f %10.1f %10.0f %9.1f ms %8d%n", "sluice backfill (batches of 1000) under load",
                    backfillRate, backfillSeconds, underBackfill.tps(), underBackfill.p99Ms(), underBackfill.errors() + underBackfill.aborted());
            System.out.printf(Locale.ROOT, "ratios: backfill rate / limit = %.2f (goal >= 0.5); p99 under backfill / baseline = %.2f (goal <= 2);"
                            + " tps under backfill / baseline = %.2f; throttled waits: %d%n",
                    backfillRate / (rows / updateWithout), underBackfill.p99Ms() / baseline.p99Ms(), underBackfill.tps() / baseline.tps(),
                    throttled.get());
            System.out.println();
            System.out.println("(b) Write overhead of the dual-write triggers (change in progress) against none (after rollback):");
            System.out.printf(Locale.ROOT, "%-44s %14s %14s %10s%n", "", "no triggers", "triggers", "ratio");
            System.out.printf(Locale.ROOT, "%-44s %14.0f %14.0f %9.2fx%n", "pgbench TPC-B tps (" + CLIENTS + " clients)",
                    withoutTriggers.tps(), withTriggers.tps(), withoutTriggers.tps() / withTriggers.tps());
            System.out.printf(Locale.ROOT, "%-44s %14.1f %14.1f %9.2fx%n", "TPC-B p99 latency (ms)",
                    withoutTriggers.p99Ms(), withTriggers.p99Ms(), withTriggers.p99Ms() / withoutTriggers.p99Ms());
            System.out.printf(Locale.ROOT, "%-44s %14.1f %14.1f %9.2fx%n", "one full-table UPDATE (s; pgroll reports x4.3)",
                    updateWithout, updateWith, updateWith / updateWithout);
            System.out.println("(ratio: how many times slower with triggers; tps ratio = no triggers / triggers)");
        }
    }

    /** Ends the pgbench run early (its clients' connections are terminated, the log kept); returns how many clients were still running. */
    private static int stop(PostgresCluster cluster) throws Exception {
        try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement();
             var rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = 'pgbench'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Seconds of {@code UPDATE pgbench_accounts SET abalance = abalance}, then a VACUUM so the next run starts alike. */
    private static double fullUpdate(PostgresCluster cluster) throws Exception {
        try (Connection c = cluster.connect("bench"); Statement s = c.createStatement()) {
            s.execute("vacuum pgbench_accounts");
            long t = System.nanoTime();
            s.execute("update pgbench_accounts set abalance = abalance");
            double seconds = (System.nanoTime() - t) / 1e9;
            s.execute("vacuum pgbench_accounts");
            return seconds;
        }
    }

    /** Throughput, p99 and errors of the transactions that ended in [from, to) (epoch micros). */
    private static Load measure(List<PgBench.Tx> txs, long from, long to) {
        List<PgBench.Tx> in = txs.stream().filter(t -> t.endMicros() >= from && t.endMicros() < to).toList();
        List<Long> ok = in.stream().filter(t -> !t.failed()).map(PgBench.Tx::latencyMicros).sorted().toList();
        long first = in.stream().mapToLong(PgBench.Tx::endMicros).min().orElse(0);
        long lastEnd = in.stream().mapToLong(PgBench.Tx::endMicros).max().orElse(1);
        double seconds = Math.max(1e-6, (lastEnd - first) / 1e6);
        double p99 = ok.isEmpty() ? Double.NaN : ok.get((int) Math.min(ok.size() - 1, Math.ceil(ok.size() * 0.99) - 1)) / 1000.0;
        return new Load(ok.size() / seconds, p99, in.size() - ok.size(), 0, in.size());
    }

    /** The same, with the clients pgbench reported aborted. */
    private static Load measure(PgBench.Run run) throws Exception {
        Load l = measure(run.await(), Long.MIN_VALUE, Long.MAX_VALUE);
        return new Load(l.tps(), l.p99Ms(), l.errors(), run.abortedClients(), l.transactions());
    }
}
