package dev.sluice.bench;

import dev.sluice.lint.LintReport;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Linter;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a folder of realistic migrations and lints it, printing statements per second. Not a test:
 * run it with {@code bench/lint/run.sh}. Times depend on the machine; nothing fails on a number.
 *
 * <p>Arguments: number of migration files (default 1500), output folder (default a temporary one).
 */
public final class LintBenchmark {

    private LintBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        Path folder = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("sluice-lint-bench");
        long startGen = System.nanoTime();
        generate(folder, files);
        long genMs = (System.nanoTime() - startGen) / 1_000_000;

        Linter linter = new Linter(LintSettings.defaults());
        // First run includes class loading and JIT warm-up, as a one-shot CLI run would.
        long t0 = System.nanoTime();
        LintReport first = linter.lint(Linter.folderInputs(folder, p -> true));
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            linter.lint(Linter.folderInputs(folder, p -> true));
            best = Math.min(best, System.nanoTime() - t);
        }
        long sinceJvmStart = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.printf(Locale.ROOT, "folder: %s (%d files generated in %d ms)%n", folder, files, genMs);
        System.out.printf(Locale.ROOT, "linted: %d files, %d statements, %d findings (%d errors)%n",
                first.files(), first.statements(), first.findings().size(), first.errors().size());
        System.out.printf(Locale.ROOT, "first run (cold JVM): %d ms, %.0f statements/s%n",
                firstMs, first.statements() * 1000.0 / Math.max(1, firstMs));
        System.out.printf(Locale.ROOT, "best of 5 warm runs: %.1f ms, %.0f statements/s%n",
                best / 1e6, first.statements() * 1e9 / best);
        System.out.printf(Locale.ROOT, "total time since JVM start: %d ms%n", sinceJvmStart);
    }

    /** Writes {@code count} V files (and a U file for every fourth) that look like a growing application's. */
    static void generate(Path folder, int count) throws IOException {
        Random random = new Random(42);
        int tables = 0;
        for (int v = 1; v <= count; v++) {
            StringBuilder up = new StringBuilder();
            StringBuilder down = new StringBuilder();
            int kind = v <= 5 ? 0 : random.nextInt(10);
            String t = "t" + (tables == 0 ? 0 : random.nextInt(tables));
            switch (kind) {
                case 0, 1 -> {
                    String n = "t" + tables++;
                    up.append("-- A new table for feature ").append(v).append(".\n")
                            .append("create table ").append(n).append(" (\n")
                            .append("    id bigint generated always as identity primary key,\n")
                            .append("    owner_id bigint not null references t0 (id),\n")
                            .append("    name text not null,\n    state text not null default 'new',\n")
                            .append("    payload jsonb not null default '{}'::jsonb,\n")
                            .append("    created_at timestamptz not null default now(),\n")
                            .append("    constraint ").append(n).append("_name_len check (char_length(name) <= 200)\n);\n")
                            .append("create index ").append(n).append("_owner_idx on ").append(n).append(" (owner_id);\n")
                            .append("comment on table ").append(n).append(" is 'Feature ").append(v).append("; see ticket';\n")
                            .append("\n-- sluice:validate\nselect count(*) = 0 from ").append(n).append(";\n");
                    down.append("drop table ").append(n).append(";\n");
                    if (v <= 5) {
                        up = new StringBuilder(up.toString().replace("    owner_id bigint not null references t0 (id),\n", ""));
                        up = new StringBuilder(up.toString().replace("create index " + n + "_owner_idx on " + n + " (owner_id);\n", ""));
                    }
                }
                case 2 -> up.append("alter table ").append(t).append(" add column c").append(v).append(" text,\n")
                        .append("    add column d").append(v).append(" timestamptz default now();\n");
                case 3 -> up.append("-- sluice:transaction off\n")
                        .append("create index concurrently if not exists ").append(t).append("_c").append(v)
                        .append(" on ").append(t).append(" (created_at) where state <> 'deleted';\n");
                case 4 -> up.append("alter table ").append(t).append(" add constraint ").append(t).append("_fk").append(v)
                        .append(" foreign key (owner_id) references t0 (id) not valid;\n");
                case 5 -> up.append("update ").append(t).append(" set state = 'active' where id between ")
                        .append(v * 1000).append(" and ").append(v * 1000 + 999).append(" and state = 'new';\n");
                case 6 -> up.append("create or replace function f").append(v).append("(p_id bigint) returns text\n")
                        .append("language plpgsql stable as $fn$\ndeclare\n    r record;\nbegin\n")
                        .append("    select * into r from ").append(t).append(" where id = p_id; -- one row\n")
                        .append("    return coalesce(r.name, 'none; really');\nend\n$fn$;\n");
                case 7 -> up.append("alter table ").append(t).append(" alter column name type varchar(300);\n");
                case 8 -> up.append("insert into ").append(t).append(" (owner_id, name) values (1, 'seed ").append(v)
                        .append("'), (2, 'it''s seed ").append(v).append("');\n");
                default -> up.append("-- sluice:ignore create-index-non-concurrently table is tiny: lookup data\n")
                        .append("create index ").append(t).append("_s").append(v).append(" on ").append(t).append(" (state);\n");
            }
            String name = String.format(Locale.ROOT, "%05d__change_%d", v, v);
            Files.writeString(folder.resolve("V" + name + ".sql"), up.toString());
            if (down.length() > 0 && v % 4 == 0) {
                Files.writeString(folder.resolve("U" + name + ".sql"), down.toString());
            }
        }
    }
}
