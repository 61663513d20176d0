package dev.sluice.bench;

import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.postgres.internal.PostgresCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end speed of the command line against psql, Flyway and squawk, each run as a process of its own
 * on the same throwaway server (PostgreSQL 15 from /usr/lib/postgresql/15 when installed, else the
 * bundled one; fsync off):
 *
 * <ol>
 *   <li>N small migrations (default 1,000; each a {@code CREATE TABLE ... PRIMARY KEY} and an
 *       {@code INSERT}) on an empty database: psql in one session with each file in BEGIN/COMMIT,
 *       {@code ./sluice migrate} through the launcher, Flyway's migrate in a fresh JVM;</li>
 *   <li>{@code migrate} with nothing to do at N and 5N applied, against Flyway's migrate and validate;</li>
 *   <li>start-up: {@code sluice version}, {@code sluice lint} of the N files and a no-op {@code migrate},
 *       against squawk's lint of the same files, Flyway's version and no-op migrate, and {@code java -version}.</li>
 * </ol>
 *
 * Each cell is the median of R runs (default 3) with the fastest and slowest; ratios are to psql, or to
 * squawk for the start-up table. The load average is printed before and after: on a shared machine the
 * numbers move with it. Nothing here asserts a time.
 *
 * <p>Usage: {@code SpeedBenchmark SLUICE_LAUNCHER BENCH_JAR [N] [R]}; bench/speed/run.sh builds and passes both.
 */
public final class SpeedBenchmark {

    private final Path launcher;
    private final Path benchJar;
    private final int runs;
    private final Path work;
    private final PostgresCluster cluster;
    private final String psql;
    private final Optional<String> squawk;

    private SpeedBenchmark(Path launcher, Path benchJar, int runs, Path work, PostgresCluster cluster, String psql,
                           Optional<String> squawk) {
        this.launcher = launcher;
        this.benchJar = benchJar;
        this.runs = runs;
        this.work = work;
        this.cluster = cluster;
        this.psql = psql;
        this.squawk = squawk;
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path benchJar = Path.of(args[1]).toAbsolutePath();
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path pg15 = Path.of("/usr/lib/postgresql/15");
        PostgresBinaries binaries = Files.isDirectory(pg15.resolve("bin")) ? PostgresBinaries.at(pg15) : PostgresBinaries.bundled();
        String psql = Files.isExecutable(pg15.resolve("bin/psql")) ? pg15.resolve("bin/psql").toString() : "psql";
        Path work = Files.createTempDirectory("sluice-speed-");
        System.out.println("load average before: " + loadAverage());
        try (PostgresCluster cluster = PostgresCluster.startThrowaway(binaries)) {
            System.out.println("server: PostgreSQL " + binaries.majorVersion() + " at 127.0.0.1:" + cluster.port()
                    + " (throwaway, fsync off); " + n + " migrations; median of " + runs + " runs (fastest-slowest)");
            new SpeedBenchmark(launcher, benchJar, runs, work, cluster, psql, findSquawk()).run(n);
        }
        System.out.println("load average after: " + loadAverage());
    }

    private void run(int n) throws Exception {
        Path small = work.resolve("small");
        Path migrations = Files.createDirectories(small.resolve("migrations"));
        writeMigrations(migrations, 1, n);
        Path script = work.resolve("small.sql");
        writePsqlScript(migrations, n, script);

        // 1. N small migrations on an empty database, each tool on fresh databases.
        List<Row> apply = new ArrayList<>();
        apply.add(timed("psql (one session, BEGIN/COMMIT per file)", i -> {
            String db = fresh("psql_" + i);
            return List.of(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.host(), "-p", Integer.toString(cluster.port()),
                    "-U", cluster.user(), "-d", db, "-f", script.toString());
        }));
        apply.add(timed("sluice migrate (./sluice)", i -> sluice(small, fresh("sluice_" + i), "migrate")));
        apply.add(timed("flyway migrate (fresh JVM)", i -> flyway(migrations, fresh("flyway_" + i), "migrate")));
        print(n + " small migrations (CREATE TABLE ... PRIMARY KEY + INSERT each) on an empty database:", apply, apply.get(0));

        // 2. Nothing to do, at N and 5N applied. The databases of the last runs above hold N.
        String sluiceAtN = "sluice_" + (runs - 1);
        String flywayAtN = "flyway_" + (runs - 1);
        Path big = work.resolve("big");
        Path bigMigrations = Files.createDirectories(big.resolve("migrations"));
        writeMigrations(bigMigrations, 1, 5 * n);
        System.out.println("applying " + 5 * n + " migrations with each tool for the no-op rows...");
        runOnce(sluice(big, fresh("sluice_big"), "migrate"));
        runOnce(flyway(bigMigrations, fresh("flyway_big"), "migrate"));
        List<Row> noop = new ArrayList<>();
        noop.add(timed("sluice migrate, " + n + " applied", i -> sluice(small, sluiceAtN, "migrate")));
        noop.add(timed("flyway migrate, " + n + " applied", i -> flyway(migrations, flywayAtN, "migrate")));
        noop.add(timed("flyway validate, " + n + " applied", i -> flyway(migrations, flywayAtN, "validate")));
        noop.add(timed("sluice migrate, " + 5 * n + " applied", i -> sluice(big, "sluice_big", "migrate")));
        noop.add(timed("flyway migrate, " + 5 * n + " applied", i -> flyway(bigMigrations, "flyway_big", "migrate")));
        noop.add(timed("flyway validate, " + 5 * n + " applied", i -> flyway(bigMigrations, "flyway_big", "validate")));
        print("migrate with nothing to do:", noop, apply.get(0));

        // 3. Start-up.
        List<Row> start = new ArrayList<>();
        Row squawkRow = squawk.isPresent()
                ? timed("squawk " + n + " files (native binary)", i -> squawkCommand(migrations))
                : null;
        if (squawkRow != null) {
            start.add(squawkRow);
        }
        start.add(timed("java -version (the JVM alone)", i -> List.of(java(), "-version")));
        start.add(timed("sluice version", i -> List.of(launcher.toString(), "version")));
        start.add(timed("sluice lint, " + n + " files", i -> List.of(launcher.toString(), "--dir", small.toString(), "lint")));
        start.add(timed("sluice migrate, nothing to do (" + n + " applied)", i -> sluice(small, sluiceAtN, "migrate")));
        start.add(timed("flyway version (fresh JVM)", i -> List.of(java(), "-cp", benchJar.toString(), FlywayMain.class.getName(), "version")));
        start.add(timed("flyway migrate, nothing to do (" + n + " applied)", i -> flyway(migrations, flywayAtN, "migrate")));
        print("start-up, end to end:", start, squawkRow);
        if (squawk.isEmpty()) {
            System.out.println("(squawk not found: set SQUAWK to its binary, e.g. after 'npm install squawk-cli', "
                    + "node_modules/@squawk-cli/linux-x64/bin/squawk; the table has no squawk row)");
        }
    }

    /** One tool's command line for run {@code i}; may create what the run needs (a fresh database). */
    @FunctionalInterface
    private interface Command {
        List<String> forRun(int i) throws Exception;
    }

    private record Row(String label, double median, double min, double max) {
    }

    private Row timed(String label, Command command) throws Exception {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            List<String> cmd = command.forRun(i);
            seconds[i] = runOnce(cmd);
        }
        Arrays.sort(seconds);
        return new Row(label, seconds[runs / 2], seconds[0], seconds[runs - 1]);
    }

    /** Runs a command to its end; its wall time in seconds. Lint commands may exit non-zero on findings. */
    private double runOnce(List<String> cmd) throws IOException, InterruptedException {
        Path log = work.resolve("last-command.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        pb.environment().remove("SLUICE_URL");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        boolean lint = cmd.contains("lint") || squawk.map(q -> cmd.get(0).equals(q)).orElse(false);
        if (p.exitValue() != 0 && !lint) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + Files.readString(log));
        }
        return s;
    }

    private static void print(String title, List<Row> rows, Row reference) {
        System.out.println();
        System.out.println(title);
        System.out.printf(Locale.ROOT, "%-52s %9s %19s %12s%n", "", "median", "fastest-slowest",
                reference == null ? "" : "ratio");
        for (Row r : rows) {
            String ratio = reference == null ? "" : String.format(Locale.ROOT, "%.2fx", r.median() / reference.median());
            System.out.printf(Locale.ROOT, "%-52s %7.2f s %8.2f-%6.2f s %12s%n", r.label(), r.median(), r.min(), r.max(), ratio);
        }
        if (reference != null) {
            System.out.println("(ratio: median against '" + reference.label() + "')");
        }
    }

    private String fresh(String name) {
        cluster.dropDatabase(name);
        cluster.createDatabase(name);
        return name;
    }

    private List<String> sluice(Path project, String db, String verb) {
        return List.of(launcher.toString(), "--dir", project.toString(), "--url", cluster.jdbcUrl(db), "--user", cluster.user(), verb);
    }

    private List<String> flyway(Path migrations, String db, String verb) {
        return List.of(java(), "-cp", benchJar.toString(), FlywayMain.class.getName(), cluster.jdbcUrl(db), cluster.user(),
                migrations.toString(), verb);
    }

    private List<String> squawkCommand(Path migrations) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(squawk.orElseThrow()));
        try (var files = Files.list(migrations)) {
            files.map(Path::toString).sorted().forEach(cmd::add);
        }
        return cmd;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code SQUAWK}, or {@code squawk} on the PATH. */
    private static Optional<String> findSquawk() {
        String env = System.getenv("SQUAWK");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "squawk");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private static void writeMigrations(Path dir, int from, int to) throws IOException {
        for (int i = from; i <= to; i++) {
            Files.writeString(dir.resolve("V" + i + "__create_t_" + i + ".sql"),
                    "create table t_" + i + " (id bigint primary key, name text not null);\n"
                            + "insert into t_" + i + " (id, name) values (1, 'row " + i + "');\n");
        }
    }

    /** The same files for psql: one session, each file between BEGIN and COMMIT. */
    private static void writePsqlScript(Path dir, int n, Path script) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("BEGIN;\n").append(Files.readString(dir.resolve("V" + i + "__create_t_" + i + ".sql"))).append("COMMIT;\n");
        }
        Files.writeString(script, sb);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min; "
                    + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
