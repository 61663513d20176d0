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
 * writes. (a) The backfill's rate against one {@code UPDATE} of the whole table that writes what the backfill
 * writes, the new bigint column computed from the old, on a fresh table with the column added (the limit, no
 * load; the same work in one statement), and the clients' p99 and errors against a baseline of the same load
 * with no change. One {@code UPDATE} that rewrites every row without a new column is shown too: it writes
 * narrower rows and is the cheaper of the two. The rows:
 * <ul>
 *   <li>with no load;</li>
 *   <li>under a steady load of TPC-B at a quarter of the rate the server reaches (a production server with
 *   room to spare, the goal's case), R times, each on a freshly initialized table after its own baseline, so
 *   that the runs neither drift (each full pass leaves the table bloated) nor hang on one noisy baseline;
 *   each run also times the floor of any batched backfill here: a hand-written psql loop of the limit's
 *   statement over the same key ranges, no views, no triggers, no bookkeeping;</li>
 *   <li>the limit's UPDATE under the steady load, which is what batches avoid;</li>
 *   <li>under TPC-B as fast as it goes (every core busy, so the backfill gets a share of the CPU at best).</li>
 * </ul>
 * (b) The dual-write trigger's cost: pgbench TPC-B tps and one full-table {@code UPDATE} with the change in
 * progress (triggers installed) against the same after its rollback. Prints side-by-side tables with ratios;
 * asserts nothing.
 */
public final class OnlineBenchmark {

    static final int CLIENTS = 8;
    static final int BASELINE_S = 15;
    static final int TPS_S = 20;
    static final int MAX_BACKFILL_S = 240;

    static final String CHANGE = "operations:\n  - change_column_type:\n      table: pgbench_accounts\n      column: abalance\n"
            + "      type: bigint\n      up: abalance::bigint\n      down: abalance::integer\n";

    record Load(double tps, double p99Ms, long errors, int aborted, long transactions) {
    }

    /** One steady run: its baseline, sluice's backfill, and the hand-written loop, each on a fresh table. */
    record SteadyRun(Load baseline, Backfilled sluice, Backfilled loop) {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // The throwaway server's 64MB by default, smaller than the table; a production server holds its hot
        // tables in shared_buffers, which a third argument (e.g. 1GB) sets.
        List<String> settings = args.length > 2 ? List.of("shared_buffers=" + args[2]) : List.of();
        // A fourth argument sets the batch size (the backfill's and the hand-written loop's) instead of the
        // default ("-" keeps it), a fifth the backfill's pause between batches (e.g. 10ms).
        BackfillSettings backfill = args.length > 3 && !args[3].equals("-")
                ? BackfillSettings.defaults().withBatchSize(Integer.parseInt(args[3])) : BackfillSettings.defaults();
        if (args.length > 4) {
            backfill = backfill.withPause(dev.sluice.migration.DurationText.parse(args[4]));
        }
        Path work = Files.createTempDirectory("sluice-online-bench-");
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__abalance_bigint.yaml"), CHANGE);
        try (PostgresCluster cluster = PostgresCluster.startThrowaway(dev.sluice.postgres.PostgresBinaries.bundled(), settings)) {
            cluster.createDatabase("bench");
            PgBench pgbench = new PgBench(cluster.host(), cluster.port(), cluster.user(), "bench");
            long rows = scale * 100_000L;
            System.out.println("pgbench at scale " + scale + " (" + rows + " rows in pgbench_accounts), initialized afresh before each measure;"
                    + " shared_buffers " + (args.length > 2 ? args[2] : "64MB"));
            Runnable fresh = () -> fresh(pgbench, cluster, scale);
            Sluice sluice = new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(cluster.jdbcUrl("bench"), cluster.user(), null))
                    .source(new FileSystemMigrationSource(migrations)).execution(ExecutionSettings.defaults()).build());
            Path loopScript = handWrittenLoop(work, rows, backfill.batchSizeFor(rows));

            fresh.run();
            System.out.println("baseline: pgbench as fast as it goes, no change, " + BASELINE_S + " s...");
            Load saturated = measure(pgbench.start(CLIENTS, BASELINE_S, work.resolve("saturated")));
            int rate = (int) Math.max(1, saturated.tps() / 4);

            // A single timing of either moved by half between runs: the median of R, each on a fresh table.
            double[] rewrites = new double[runs];
            double[] limits = new double[runs];
            for (int i = 0; i < runs; i++) {
                fresh.run();
                System.out.println("run " + (i + 1) + " of " + runs + ": one UPDATE of the whole table that rewrites every row, no load...");
                rewrites[i] = fullUpdate(cluster);
                fresh.run();
                System.out.println("run " + (i + 1) + " of " + runs + ": one UPDATE of the whole table that writes the new column, no load (the limit)...");
                limits[i] = newColumnUpdate(cluster);
            }
            double rewriteSeconds = median(rewrites);
            double limitSeconds = median(limits);
            double limit = rows / limitSeconds;
            fresh.run();
            System.out.println("backfill with no load...");
            Backfilled alone = backfill(sluice, backfill, cluster, null);
            sluice.abortOnline(OnlineListener.NONE);

            List<SteadyRun> steadyRuns = new java.util.ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                fresh.run();
                System.out.println("run " + i + " of " + runs + ": baseline at " + rate + " tps, then the backfill under it...");
                Load baseline = measure(pgbench.start(CLIENTS, BASELINE_S, work.resolve("steady-" + i), rate));
                Backfilled underSteady = backfill(sluice, backfill, cluster, pgbench.start(CLIENTS, MAX_BACKFILL_S, work.resolve("during-steady-" + i), rate));
                sluice.abortOnline(OnlineListener.NONE);
                fresh.run();
                addColumn(cluster);
                System.out.println("run " + i + " of " + runs + ": the hand-written psql loop under the same load...");
                Backfilled loop = timedUnderLoad(cluster, rows, pgbench.start(CLIENTS, MAX_BACKFILL_S, work.resolve("loop-" + i), rate),
                        () -> psql(cluster, loopScript));
                steadyRuns.add(new SteadyRun(baseline, underSteady, loop));
            }
            fresh.run();
            addColumn(cluster);
            System.out.println("the limit's UPDATE under the load at " + rate + " tps...");
            Backfilled oneUpdate = timedUnderLoad(cluster, rows, pgbench.start(CLIENTS, MAX_BACKFILL_S, work.resolve("update-steady"), rate),
                    () -> timed(cluster, NEW_COLUMN_UPDATE));

            fresh.run();
            System.out.println("backfill under pgbench as fast as it goes...");
            Backfilled underSaturated = backfill(sluice, backfill, cluster, pgbench.start(CLIENTS, MAX_BACKFILL_S, work.resolve("during-saturated")));

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
            System.out.printf(Locale.ROOT, "(a) Backfill of %,d rows (pgbench_accounts.abalance to bigint), batches of %d%s, with %d pgbench TPC-B clients:%n",
                    rows, backfill.batchSizeFor(rows), backfill.pause().isZero() ? "" : " (sluice pausing " + backfill.pause().toMillis() + " ms after each)",
                    CLIENTS);
            System.out.printf(Locale.ROOT, "%-54s %8s %8s %8s %6s %11s %7s %7s  %s%n", "", "rows/s", "x limit", "seconds", "tps", "client p99",
                    "x base", "errors", "meanwhile");
            System.out.printf(Locale.ROOT, "%-54s %8.0f %8.2f %8.1f %6s %11s %7s %7s%n", "one UPDATE writing the new column, no load (the limit)",
                    limit, 1.0, limitSeconds, "-", "-", "-", "-");
            System.out.printf(Locale.ROOT, "%-54s %8.0f %8.2f %8.1f %6s %11s %7s %7s%n", "one UPDATE rewriting every row, no new column, no load",
                    rows / rewriteSeconds, limitSeconds / rewriteSeconds, rewriteSeconds, "-", "-", "-", "-");
            System.out.printf(Locale.ROOT, "(both: the median of %d, each on a fresh table: the limit %s s, the rewrite %s s)%n", runs,
                    seconds(limits), seconds(rewrites));
            row("sluice backfill, no load", alone, null, limit, null);
            for (int i = 0; i < steadyRuns.size(); i++) {
                SteadyRun r = steadyRuns.get(i);
                String run = "run " + (i + 1) + ": ";
                row(run + "load at " + rate + " tps, no change (baseline)", null, r.baseline(), limit, null);
                row(run + "sluice backfill under that load", r.sluice(), r.sluice().load(), limit, r.baseline());
                row(run + "  the same, its batches only", null, r.sluice().batches(), limit, r.baseline());
                row(run + "hand-written psql loop, same batches", r.loop(), r.loop().load(), limit, r.baseline());
            }
            row("the limit's UPDATE under that load", oneUpdate, oneUpdate.load(), limit, steadyRuns.get(0).baseline());
            row("load as fast as it goes, no change (baseline)", null, saturated, limit, null);
            row("sluice backfill under the load as fast as it goes", underSaturated, underSaturated.load(), limit, saturated);
            row("  the same, its batches only", null, underSaturated.batches(), limit, saturated);
            System.out.println("(x base: the client p99 against the baseline of its run)");
            System.out.printf(Locale.ROOT, "goal at %d tps (a quarter of the most the server does), median of %d runs:"
                            + " sluice backfill rate / limit = %.2f (>= 0.5); p99 / baseline = %.2f, batches only %.2f (<= 2); errors %d (0)%n",
                    rate, runs, median(steadyRuns, r -> r.sluice().rate() / limit), median(steadyRuns, r -> r.sluice().load().p99Ms() / r.baseline().p99Ms()),
                    median(steadyRuns, r -> r.sluice().batches().p99Ms() / r.baseline().p99Ms()),
                    steadyRuns.stream().mapToLong(r -> r.sluice().load().errors() + r.sluice().load().aborted()).sum());
            System.out.printf(Locale.ROOT, "the hand-written psql loop, the floor of a batched backfill here: rate / limit = %.2f; p99 / baseline = %.2f;"
                            + " sluice's rate / the loop's = %.2f%n", median(steadyRuns, r -> r.loop().rate() / limit),
                    median(steadyRuns, r -> r.loop().load().p99Ms() / r.baseline().p99Ms()),
                    median(steadyRuns, r -> r.sluice().rate() / r.loop().rate()));
            System.out.printf(Locale.ROOT, "as fast as it goes: backfill rate / limit = %.2f; p99 / baseline = %.2f, batches only %.2f;"
                            + " tps / baseline = %.2f; errors %d; throttled waits %d%n", underSaturated.rate() / limit,
                    underSaturated.load().p99Ms() / saturated.p99Ms(), underSaturated.batches().p99Ms() / saturated.p99Ms(),
                    underSaturated.load().tps() / saturated.tps(), underSaturated.load().errors() + underSaturated.load().aborted(),
                    underSaturated.throttled() + steadyRuns.stream().mapToInt(r -> r.sluice().throttled()).sum());
            System.out.printf(Locale.ROOT, "longest client wait while start took its ACCESS EXCLUSIVE for the catalog changes:"
                    + " %.1f ms (steady load, the longest of %d runs), %.1f ms (as fast as it goes)%n",
                    steadyRuns.stream().mapToDouble(r -> r.sluice().catalogStepMaxMs()).max().orElse(0), runs, underSaturated.catalogStepMaxMs());
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

    private static double median(List<SteadyRun> runs, java.util.function.ToDoubleFunction<SteadyRun> f) {
        return median(runs.stream().mapToDouble(f).toArray());
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String seconds(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).collect(java.util.stream.Collectors.joining(", "));
    }

    /** pgbench's tables dropped and made again, then vacuumed and analyzed: every measure starts from the same table. */
    private static void fresh(PgBench pgbench, PostgresCluster cluster, int scale) {
        try {
            pgbench.initialize(scale);
            try (Connection c = cluster.connect("bench"); Statement s = c.createStatement()) {
                s.execute("vacuum analyze");
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot initialize pgbench: " + e.getMessage(), e);
        }
    }

    /** The column the limit and the hand-written loop write: the backfill's, without views or triggers. */
    static final String NEW_COLUMN = "abalance_new";
    /** The limit: the backfill's write, the new column computed from the old, as one statement. */
    static final String NEW_COLUMN_UPDATE = "update pgbench_accounts set " + NEW_COLUMN + " = abalance::bigint";

    /**
     * What a team would write by hand: one psql session, each batch of the key range in BEGIN/COMMIT, the
     * limit's statement. The table's keys are dense (1..rows), so a range of batchSize keys is a batch of
     * batchSize rows.
     */
    private static Path handWrittenLoop(Path work, long rows, int batchSize) throws java.io.IOException {
        StringBuilder sql = new StringBuilder();
        for (long from = 0; from < rows; from += batchSize) {
            sql.append("begin;\n").append(NEW_COLUMN_UPDATE).append(" where aid > ").append(from)
                    .append(" and aid <= ").append(from + batchSize).append(";\ncommit;\n");
        }
        return Files.writeString(work.resolve("hand-written-loop.sql"), sql);
    }

    /** The new column as start adds it (nullable, no default: no rewrite), without a trigger. */
    private static void addColumn(PostgresCluster cluster) throws Exception {
        try (Connection c = cluster.connect("bench"); Statement s = c.createStatement()) {
            s.execute("alter table pgbench_accounts add column " + NEW_COLUMN + " bigint");
        }
    }

    /** Seconds of the limit's UPDATE on a fresh table with the new column added. */
    private static double newColumnUpdate(PostgresCluster cluster) throws Exception {
        addColumn(cluster);
        return timed(cluster, NEW_COLUMN_UPDATE);
    }

    private static double timed(PostgresCluster cluster, String sql) throws Exception {
        try (Connection c = cluster.connect("bench"); Statement s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute(sql);
            return (System.nanoTime() - t) / 1e9;
        }
    }

    private static double psql(PostgresCluster cluster, Path script) throws Exception {
        long t = System.nanoTime();
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.host(), "-p", Integer.toString(cluster.port()),
                "-U", cluster.user(), "-d", "bench", "-f", script.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql " + script + " failed");
        }
        return (System.nanoTime() - t) / 1e9;
    }

    @FunctionalInterface
    interface Timed {
        double run() throws Exception;
    }

    /** Runs {@code work} over the table's rows while {@code load} runs, then ends the load. */
    private static Backfilled timedUnderLoad(PostgresCluster cluster, long rows, PgBench.Run load, Timed work) throws Exception {
        Thread.sleep(3000);
        Background before = Background.of(cluster);
        long t0 = System.currentTimeMillis() * 1000;
        double seconds = work.run();
        long t1 = System.currentTimeMillis() * 1000;
        String background = Background.of(cluster).since(before, -1);
        int aborted = CLIENTS - stop(cluster);
        Load measured = measure(load.await(), t0, t1);
        Load during = new Load(measured.tps(), measured.p99Ms(), measured.errors(), aborted, measured.transactions());
        return new Backfilled(rows / seconds, seconds, during, during, Double.NaN, 0, background);
    }

    /**
     * A backfill's rate and time, and the load it ran under (null: none): over the whole of start, over its
     * batches only (from the first batch's end), and the longest client wait before the first batch ended,
     * which is when start takes its short ACCESS EXCLUSIVE for the catalog changes.
     */
    record Backfilled(double rate, double seconds, Load load, Load batches, double catalogStepMaxMs, int throttled, String during) {
    }

    /**
     * What else the server did meanwhile, which the run's time includes: autovacuum runs on pgbench_accounts,
     * checkpoints, and (for sluice) batches retried after a lock timeout or a deadlock. Counted so that a slow
     * run can be told from a slow backfill.
     */
    record Background(long autovacuums, long checkpoints) {
        static Background of(PostgresCluster cluster) throws Exception {
            try (Connection c = cluster.connect("bench"); Statement s = c.createStatement()) {
                long vacuums;
                try (var rs = s.executeQuery("select coalesce((select autovacuum_count + autoanalyze_count from pg_stat_user_tables"
                        + " where relname = 'pgbench_accounts'), 0)")) {
                    rs.next();
                    vacuums = rs.getLong(1);
                }
                boolean checkpointer;
                try (var rs = s.executeQuery("select to_regclass('pg_catalog.pg_stat_checkpointer') is not null")) {
                    rs.next();
                    checkpointer = rs.getBoolean(1);
                }
                try (var rs = s.executeQuery(checkpointer ? "select num_timed + num_requested from pg_stat_checkpointer"
                        : "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter")) {
                    rs.next();
                    return new Background(vacuums, rs.getLong(1));
                }
            }
        }

        String since(Background before, int retries) {
            return "autovacuum " + (autovacuums - before.autovacuums) + ", checkpoints " + (checkpoints - before.checkpoints)
                    + (retries < 0 ? "" : ", retried batches " + retries);
        }
    }

    /** Starts the change (which backfills) while {@code load} runs, then ends the load; the change stays in progress. */
    private static Backfilled backfill(Sluice sluice, BackfillSettings settings, PostgresCluster cluster, PgBench.Run load) throws Exception {
        if (load != null) {
            Thread.sleep(3000);
        }
        AtomicReference<BackfillProgress> last = new AtomicReference<>();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        Background before = Background.of(cluster);
        long t0 = System.currentTimeMillis() * 1000;
        java.util.concurrent.atomic.AtomicLong firstBatch = new java.util.concurrent.atomic.AtomicLong();
        sluice.start(settings, new OnlineListener() {
            @Override
            public void backfillProgress(BackfillProgress p) {
                firstBatch.compareAndSet(0, System.currentTimeMillis() * 1000);
                last.set(p);
            }

            @Override
            public void backfillThrottled(String table, String reason, Duration wait) {
                throttled.incrementAndGet();
            }

            @Override
            public void retrying(String what, int attempt, Duration delay, String reason) {
                retried.incrementAndGet();
            }
        });
        long t1 = System.currentTimeMillis() * 1000;
        String background = Background.of(cluster).since(before, retried.get());
        Load during = null;
        Load batches = null;
        double catalogStep = Double.NaN;
        if (load != null) {
            int aborted = CLIENTS - stop(cluster);
            List<PgBench.Tx> txs = load.await();
            Load measured = measure(txs, t0, t1);
            during = new Load(measured.tps(), measured.p99Ms(), measured.errors(), aborted, measured.transactions());
            batches = measure(txs, firstBatch.get(), t1);
            catalogStep = txs.stream().filter(t -> !t.failed() && t.endMicros() >= t0 && t.endMicros() < firstBatch.get())
                    .mapToLong(PgBench.Tx::latencyMicros).max().orElse(0) / 1000.0;
        }
        return new Backfilled(last.get().rowsPerSecond(), (t1 - t0) / 1e6, during, batches, catalogStep, throttled.get(), background);
    }

    private static void row(String label, Backfilled b, Load load, double limit, Load baseline) {
        System.out.printf(Locale.ROOT, "%-54s %8s %8s %8s %6s %11s %7s %7s  %s%n", label,
                b == null ? "-" : String.format(Locale.ROOT, "%.0f", b.rate()),
                b == null ? "-" : String.format(Locale.ROOT, "%.2f", b.rate() / limit),
                b == null ? "-" : String.format(Locale.ROOT, "%.1f", b.seconds()),
                load == null ? "-" : String.format(Locale.ROOT, "%.0f", load.tps()),
                load == null ? "-" : String.format(Locale.ROOT, "%.1f ms", load.p99Ms()),
                load == null || baseline == null ? "-" : String.format(Locale.ROOT, "%.2f", load.p99Ms() / baseline.p99Ms()),
                load == null ? "-" : Long.toString(load.errors() + load.aborted()),
                b == null || b.during() == null ? "" : b.during());
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

    /**
     * Throughput, p99 and errors of the transactions that overlap [from, to) (epoch micros): one that a
     * change held up and that ended after it counts too.
     */
    private static Load measure(List<PgBench.Tx> txs, long from, long to) {
        List<PgBench.Tx> in = txs.stream().filter(t -> t.startMicros() < to && t.endMicros() >= from).toList();
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
