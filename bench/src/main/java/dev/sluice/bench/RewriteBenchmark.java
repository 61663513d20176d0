package dev.sluice.bench;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.rewrite.RewriteDefaults;
import dev.sluice.rewrite.RewriteListener;
import dev.sluice.rewrite.RewriteResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A 1M-row table's key changed from integer to bigint, with one foreign key pointing at it, under a
 * pgbench write load (an UPDATE of the table and an INSERT into the referencing one per transaction, at a
 * fixed rate): through {@code sluice rewrite} and as a plain {@code ALTER TABLE ... TYPE bigint}. Prints
 * the copy rate next to an {@code INSERT INTO ... SELECT} of the same rows under the same load (the
 * limit), the longest ACCESS EXCLUSIVE hold on the application's tables (sampled from pg_locks every
 * 2 ms), and what the clients felt while each change ran.
 *
 * <p>Run: {@code java -cp bench/target/sluice-bench.jar dev.sluice.bench.RewriteBenchmark [rows] [tps] [load-seconds]}.
 */
public final class RewriteBenchmark {

    static final int CLIENTS = 8;

    /** How long pgbench runs for the rewrite; half as long for the plain ALTER. */
    static int loadSeconds;

    record Outcome(String how, double seconds, double copyRate, double limitRate, long longestLockMs, long engineLockMs,
                   double p99Ms, double maxMs, long failed, int aborted, long txInWindow) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int tps = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        loadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        Path work = Files.createTempDirectory("sluice-rewrite-bench-");
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        try (PostgresCluster cluster = PostgresCluster.startThrowaway()) {
            try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("alter system set max_connections = 100");
            }
            Path script = work.resolve("write.sql");
            Files.writeString(script, "\\set aid random(1, " + rows + ")\n\\set delta random(-5000, 5000)\n"
                    + "BEGIN;\nUPDATE accounts SET balance = balance + :delta WHERE id = :aid;\n"
                    + "INSERT INTO transfers (account_id, amount) VALUES (:aid, :delta);\nEND;\n");
            Outcome sluice = run("sluice rewrite", "rw_sluice", cluster, rows, tps, script, work, true);
            Outcome plain = run("ALTER TABLE ... TYPE bigint", "rw_alter", cluster, rows, tps, script, work, false);
            print(rows, tps, sluice, plain);
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static void setUp(PostgresCluster cluster, String db, int rows) throws Exception {
        cluster.createDatabase(db);
        try (Connection c = cluster.connect(db); Statement s = c.createStatement()) {
            s.execute("create table accounts (id integer primary key, balance integer not null default 0, note text not null default 'account')");
            s.execute("insert into accounts (id) select g from generate_series(1, " + rows + ") g");
            s.execute("create table transfers (id bigserial primary key, account_id integer not null references accounts (id), amount integer)");
            s.execute("insert into transfers (account_id, amount) select g, 1 from generate_series(1, " + rows + ", 10) g");
            s.execute("vacuum analyze accounts");
            s.execute("vacuum analyze transfers");
        }
    }

    private static Outcome run(String how, String db, PostgresCluster cluster, int rows, int tps, Path script, Path work,
                               boolean viaSluice) throws Exception {
        System.out.println(how + ": creating " + rows + " rows...");
        setUp(cluster, db, rows);
        PgBench pgbench = new PgBench(cluster.host(), cluster.port(), cluster.user(), db);
        int seconds = viaSluice ? loadSeconds : loadSeconds / 2;
        PgBench.Run load = pgbench.start(CLIENTS, seconds, work.resolve(db + "-logs"), script, tps);
        long loadStart = System.currentTimeMillis();
        Thread.sleep(5000);
        double limitRate = Double.NaN;
        if (viaSluice) {
            try (Connection c = cluster.connect(db); Statement s = c.createStatement()) {
                s.execute("create table limit_copy (like accounts including all)");
                s.execute("alter table limit_copy alter column id type bigint");
                long t = System.nanoTime();
                s.execute("insert into limit_copy select * from accounts");
                limitRate = rows / ((System.nanoTime() - t) / 1e9);
                s.execute("drop table limit_copy");
            }
            Thread.sleep(3000);
        }
        LockWatch watch = new LockWatch(cluster, db);
        Thread watcher = new Thread(watch);
        watcher.start();
        long start = System.currentTimeMillis();
        double copyRate = Double.NaN;
        long engineLock = -1;
        if (viaSluice) {
            Sluice sluice = new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(cluster.jdbcUrl(db), cluster.user(), null))
                    .source(new FileSystemMigrationSource(Files.createDirectories(work.resolve("migrations")))).build());
            long t0 = System.currentTimeMillis();
            RewriteResult r = sluice.rewrite("accounts", "ALTER COLUMN id TYPE bigint", RewriteDefaults.copy(), new RewriteListener() {
                @Override
                public void step(String description) {
                    System.out.printf(Locale.ROOT, "  %6.1f s  %s%n", (System.currentTimeMillis() - t0) / 1000.0, description);
                }

                @Override
                public void retrying(String what, int attempt, java.time.Duration delay, String reason) {
                    System.out.printf(Locale.ROOT, "  %6.1f s  retrying %s: %s%n", (System.currentTimeMillis() - t0) / 1000.0, what, reason);
                }
            });
            copyRate = r.rowsPerSecond();
            engineLock = r.longestLock().toMillis();
        } else {
            try (Connection c = cluster.connect(db); Statement s = c.createStatement()) {
                long t = System.nanoTime();
                s.execute("alter table accounts alter column id type bigint");
                copyRate = rows / ((System.nanoTime() - t) / 1e9);
            }
        }
        long end = System.currentTimeMillis();
        watch.stop.set(true);
        watcher.join();
        System.out.println(how + ": done in " + (end - start) / 1000.0 + " s; waiting for the load to end ("
                + (seconds - (end - loadStart) / 1000) + " s)...");
        List<PgBench.Tx> txs = load.await();
        long from = start * 1000;
        long to = end * 1000 + 1_000_000;
        List<Long> window = txs.stream().filter(t -> !t.failed() && t.endMicros() >= from && t.startMicros() <= to)
                .map(PgBench.Tx::latencyMicros).sorted().toList();
        double p99 = window.isEmpty() ? Double.NaN : window.get((int) Math.min(window.size() - 1, Math.ceil(window.size() * 0.99) - 1)) / 1000.0;
        double max = window.isEmpty() ? Double.NaN : window.get(window.size() - 1) / 1000.0;
        long failed = txs.stream().filter(PgBench.Tx::failed).count();
        txs.stream().filter(t -> !t.failed() && t.latencyMicros() > 500_000).mapToLong(t -> t.startMicros() / 100_000).distinct().sorted()
                .limit(20).forEach(t -> System.out.printf(Locale.ROOT, "  a transaction began at %.1f s and took over 500 ms%n", (t * 100_000 - from) / 1e6));
        if (end * 1000 > loadStart * 1000 + seconds * 1_000_000L) {
            System.out.println("warning: the change outlasted the load; the client figures cover only part of it");
        }
        return new Outcome(how, (end - start) / 1000.0, copyRate, limitRate, watch.longestMs(), engineLock, p99, max, failed,
                load.abortedClients(), window.size());
    }

    /** Samples pg_locks for granted ACCESS EXCLUSIVE locks on the application's tables; keeps the longest continuous hold. */
    static final class LockWatch implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong longest = new AtomicLong();
        private final PostgresCluster cluster;
        private final String db;

        LockWatch(PostgresCluster cluster, String db) {
            this.cluster = cluster;
            this.db = db;
        }

        long longestMs() {
            return longest.get() / 1_000_000;
        }

        @Override
        public void run() {
            Map<String, Long> since = new HashMap<>();
            try (Connection c = cluster.connect(db); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    long now = System.nanoTime();
                    Map<String, Long> seen = new HashMap<>();
                    try (ResultSet rs = s.executeQuery("select distinct l.pid || '/' || l.virtualtransaction from pg_locks l"
                            + " join pg_class k on k.oid = l.relation where l.mode = 'AccessExclusiveLock' and l.granted"
                            + " and k.relname in ('accounts', 'transfers')")) {
                        while (rs.next()) {
                            String holder = rs.getString(1);
                            long first = since.getOrDefault(holder, now);
                            seen.put(holder, first);
                            longest.accumulateAndGet(now - first, Math::max);
                        }
                    }
                    since = seen;
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void print(int rows, int tps, Outcome sluice, Outcome plain) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%,d-row table, key integer -> bigint, one foreign key pointing at it; %d pgbench clients at %d tx/s in all%n",
                rows, CLIENTS, tps);
        System.out.printf(Locale.ROOT, "%-30s %10s %14s %16s %12s %10s %10s %8s%n", "how", "took", "rows/s", "longest AEL", "(engine)",
                "p99", "max", "errors");
        for (Outcome o : List.of(sluice, plain)) {
            System.out.printf(Locale.ROOT, "%-30s %8.1f s %14.0f %13d ms %9s ms %7.1f ms %7.0f ms %8d%n", o.how(), o.seconds(), o.copyRate(),
                    o.longestLockMs(), o.engineLockMs() < 0 ? "-" : Long.toString(o.engineLockMs()), o.p99Ms(), o.maxMs(),
                    o.failed() + o.aborted());
        }
        System.out.printf(Locale.ROOT, "%nINSERT INTO ... SELECT of the same rows under the same load (the limit): %.0f rows/s%n", sluice.limitRate());
        System.out.printf(Locale.ROOT, "ratios, sluice against the limit and against the plain ALTER:%n");
        System.out.printf(Locale.ROOT, "  copy rate / INSERT...SELECT rate:        %.2fx  (goal >= 0.70x)%n", sluice.copyRate() / sluice.limitRate());
        System.out.printf(Locale.ROOT, "  longest ACCESS EXCLUSIVE, sluice / ALTER: %.3fx  (%d ms against %d ms; goal < 1000 ms)%n",
                (double) sluice.longestLockMs() / Math.max(1, plain.longestLockMs()), sluice.longestLockMs(), plain.longestLockMs());
        System.out.printf(Locale.ROOT, "  client p99 during the change, sluice / ALTER: %.3fx%n", sluice.p99Ms() / plain.p99Ms());
        System.out.printf(Locale.ROOT, "  wall time, sluice / ALTER: %.2fx%n", sluice.seconds() / plain.seconds());
        System.out.println("(rows/s of sluice: the copy with its replay passes, start to end of the copy; of ALTER: rows / time of the statement;"
                + " longest AEL: sampled every 2 ms on accounts and transfers; engine: the swap's own measure;"
                + " p99/max: transactions that overlapped the change; errors: failed transactions and aborted clients)");
    }
}
