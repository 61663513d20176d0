package dev.sluice.bench;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.monitor.MonitorSettings;
import dev.sluice.monitor.MonitorSnapshot;
import dev.sluice.monitor.SluiceMonitor;
import dev.sluice.postgres.internal.PostgresCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one refresh of the dashboard costs, side by side with what a dashboard built on the other verbs would
 * pay: {@code status()} (files against history, what {@code sluice status} reads) and
 * {@code driftAgainstHistory()} (a whole schema read). For a project of N applied migrations (default 200),
 * each operation R times (default 100; the drift read a tenth as often): time per call (p50, p95), statements
 * per refresh as the monitor counts them, and the server's own counters per call from
 * {@code pg_stat_database} (transactions, rows returned, buffers touched), read after each batch's
 * connections closed, which flushes their statistics.
 */
public final class MonitorBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path folder = Files.createTempDirectory("sluice-monitor-bench-");
        for (int v = 1; v <= count; v++) {
            Files.writeString(folder.resolve("V" + v + "__table_" + v + ".sql"),
                    "create table t" + v + " (id bigint primary key, name text not null, created_at timestamptz not null default now());\n");
        }
        try (PostgresCluster cluster = PostgresCluster.startThrowaway()) {
            cluster.createDatabase("watched");
            SluiceOptions options = SluiceOptions.builder(new JdbcConnectionFactory(cluster.jdbcUrl("watched"), cluster.user(), null))
                    .source(new FileSystemMigrationSource(folder)).build();
            Sluice sluice = new Sluice(options);
            sluice.migrate(Optional.empty(), MigrationListener.NONE);
            SluiceMonitor monitor = sluice.monitor(MonitorSettings.defaults(), Optional.empty());
            int[] statements = new int[1];
            Row refresh = measure(cluster, "monitor refresh", runs, () -> {
                MonitorSnapshot s = monitor.refresh();
                statements[0] = s.queries();
            });
            Row status = measure(cluster, "status()", runs, sluice::status);
            Row drift = measure(cluster, "driftAgainstHistory()", Math.max(3, runs / 10), sluice::driftAgainstHistory);
            System.out.printf(Locale.ROOT, "%d applied migrations, %d runs per row (drift: %d); a refresh sends %d statements%n",
                    count, runs, Math.max(3, runs / 10), statements[0]);
            System.out.printf(Locale.ROOT, "%-24s %9s %9s %8s %10s %11s %10s%n", "per call", "p50 ms", "p95 ms", "xacts",
                    "rows read", "buffers", "p50 ratio");
            for (Row r : List.of(refresh, status, drift)) {
                System.out.printf(Locale.ROOT, "%-24s %9.1f %9.1f %8.1f %10.0f %11.0f %9.1fx%n", r.name, r.p50, r.p95, r.xacts,
                        r.rows, r.buffers, r.p50 / refresh.p50);
            }
            System.out.println("(xacts, rows read and buffers are the server's pg_stat_database counters per call; ratio to the refresh)");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private record Row(String name, double p50, double p95, double xacts, double rows, double buffers) {
    }

    private static Row measure(PostgresCluster cluster, String name, int runs, Work work) throws Exception {
        for (int i = 0; i < 10; i++) {
            work.run();
        }
        double[] before = counters(cluster);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            times.add((System.nanoTime() - t0) / 1e6);
        }
        Thread.sleep(1500);
        double[] after = counters(cluster);
        times.sort(Double::compare);
        // The counters are read from the database "postgres", so the reading itself is not counted.
        return new Row(name, times.get(times.size() / 2), times.get((int) (times.size() * 0.95)), (after[0] - before[0]) / runs,
                (after[1] - before[1]) / runs, (after[2] - before[2]) / runs);
    }

    private static double[] counters(PostgresCluster cluster) throws Exception {
        try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("select xact_commit + xact_rollback, tup_returned, blks_hit + blks_read"
                    + " from pg_stat_database where datname = 'watched'")) {
                rs.next();
                return new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
            }
        }
    }
}
