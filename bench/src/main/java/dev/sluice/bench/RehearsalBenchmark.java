package dev.sluice.bench;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.Verdict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rehearsal time per migration for a project of N migrations (default 200) of the usual kinds: new
 * tables, new columns, concurrent indexes, constraints added NOT VALID and validated, each with its
 * down. Side by side with simply applying the same migrations, so the cost of the proof is plain.
 */
public final class RehearsalBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path folder = Files.createTempDirectory("sluice-rehearsal-bench-");
        write(folder, count);
        try (PostgresCluster cluster = PostgresCluster.startThrowaway()) {
            cluster.createDatabase("applied");
            cluster.createDatabase("rehearsed");
            SluiceOptions applied = options(cluster, "applied", folder);
            long a0 = System.nanoTime();
            new Sluice(applied).migrate(Optional.empty(), MigrationListener.NONE);
            double applyS = (System.nanoTime() - a0) / 1e9;

            SluiceOptions rehearsed = options(cluster, "rehearsed", folder);
            long r0 = System.nanoTime();
            RehearsalReport report = new Sluice(rehearsed).rehearse(rehearsed.connections(), Optional.empty(), true, Progress.NONE);
            double rehearseS = (System.nanoTime() - r0) / 1e9;
            if (!report.passed()) {
                report.migrations().stream().filter(m -> m.verdict() != Verdict.PASSED).limit(3)
                        .forEach(m -> System.out.println("did not pass: " + m.label() + " " + m.problems()));
            }
            List<Long> times = report.migrations().stream().map(MigrationRehearsal::millis).sorted().toList();
            System.out.printf(Locale.ROOT, "%d migrations (tables, columns, concurrent indexes, NOT VALID constraints), each with a down:%n", count);
            System.out.printf(Locale.ROOT, "%-34s %10s %16s%n", "", "total", "per migration");
            System.out.printf(Locale.ROOT, "%-34s %8.2f s %13.1f ms%n", "migrate (up only)", applyS, applyS * 1000 / count);
            System.out.printf(Locale.ROOT, "%-34s %8.2f s %13.1f ms%n", "rehearse (up, down, up, snapshots)", rehearseS,
                    rehearseS * 1000 / count);
            System.out.printf(Locale.ROOT, "rehearsal per migration: p50 %d ms, p95 %d ms, max %d ms; %s%n",
                    times.get(times.size() / 2), times.get((int) (times.size() * 0.95)), times.get(times.size() - 1),
                    report.passed() ? "all passed" : "NOT all passed");
        }
    }

    private static SluiceOptions options(PostgresCluster cluster, String db, Path folder) {
        return SluiceOptions.builder(new JdbcConnectionFactory(cluster.jdbcUrl(db), cluster.user(), null))
                .source(new FileSystemMigrationSource(folder)).build();
    }

    private static void write(Path folder, int count) throws Exception {
        int tables = 0;
        for (int v = 1; v <= count; v++) {
            String up;
            String down;
            int t = Math.max(1, tables);
            switch (v % 4) {
                case 1 -> {
                    tables++;
                    up = "create table t" + tables + " (\n    id bigint generated always as identity primary key,\n"
                            + "    name text not null,\n    created_at timestamptz not null default now()\n);\n";
                    down = "drop table t" + tables + ";\n";
                }
                case 2 -> {
                    up = "alter table t" + t + " add column note_" + v + " text;\n";
                    down = "alter table t" + t + " drop column note_" + v + ";\n";
                }
                case 3 -> {
                    up = "create index concurrently if not exists t" + t + "_name_" + v + "_idx on t" + t + " (name);\n";
                    down = "drop index concurrently if exists t" + t + "_name_" + v + "_idx;\n";
                }
                default -> {
                    up = "alter table t" + t + " add constraint t" + t + "_name_len_" + v
                            + " check (length(name) < 1000) not valid;\n";
                    down = "alter table t" + t + " drop constraint t" + t + "_name_len_" + v + ";\n";
                }
            }
            Files.writeString(folder.resolve("V" + v + "__step_" + v + ".sql"), up);
            Files.writeString(folder.resolve("U" + v + "__step_" + v + ".sql"), down);
        }
    }

    private RehearsalBenchmark() {
    }
}
