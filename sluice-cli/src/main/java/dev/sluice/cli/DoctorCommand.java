package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.Sluice;
import dev.sluice.backup.BackupManifest;
import dev.sluice.backup.BackupStore;
import dev.sluice.backup.DatabaseFacts;
import dev.sluice.db.Blocker;
import dev.sluice.db.BlockerQueries;
import dev.sluice.db.Connections;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Linter;
import dev.sluice.lint.Severity;
import dev.sluice.execution.PlanStep;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.migration.Version;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice doctor}: the pre-migration checklist as one command. Each check prints PASS, WARN or FAIL
 * with its reason; any FAIL makes the exit code non-zero, and {@code migrate --preflight} stops there.
 */
@Command(name = "doctor", description = "Check that the database, the migrations, the backups and the surroundings are ready for a migration.")
final class DoctorCommand extends ProjectCommand {

    static final Duration DEFAULT_BACKUP_MAX_AGE = Duration.ofHours(24);
    static final double DEFAULT_SPACE_FACTOR = 2.0;
    static final Duration LONG_TRANSACTION = Duration.ofMinutes(5);
    static final Duration REPLICA_LAG_WARN = Duration.ofSeconds(30);

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    enum Status { PASS, WARN, FAIL }

    record Check(String name, Status status, String message, List<String> details) {
    }

    @Override
    int run(Project project) throws Exception {
        List<Check> checks = checks(project, project.sluice(project.settings()), Optional.empty(),
                BackupBeforeMigrate.wanted(project, false));
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("database", safeDescribe(project));
            root.put("ok", checks.stream().noneMatch(c -> c.status() == Status.FAIL));
            List<Object> items = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("status", c.status().name());
                m.put("message", c.message());
                m.put("details", c.details());
                items.add(m);
            }
            root.put("checks", items);
            out().println(Json.write(root));
        } else {
            print(out(), checks, terminal());
        }
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /** For {@code migrate --preflight}: prints the checklist; false when a check failed. */
    static boolean preflight(Project project, Sluice sluice, Optional<Version> target, boolean backupComing, PrintWriter out,
                             Terminal terminal) {
        List<Check> checks = checks(project, sluice, target, backupComing);
        print(out, checks, terminal);
        boolean ok = checks.stream().noneMatch(c -> c.status() == Status.FAIL);
        out.println(ok ? "preflight passed" : "preflight failed: nothing ran");
        out.flush();
        return ok;
    }

    private static void print(PrintWriter out, List<Check> checks, Terminal terminal) {
        for (Check c : checks) {
            String status = String.format("%-4s", c.status());
            status = switch (c.status()) {
                case PASS -> terminal.green(status);
                case WARN -> terminal.yellow(status);
                case FAIL -> terminal.red(status);
            };
            out.printf("%s  %-12s %s%n", status, c.name(), c.message());
            for (String d : c.details()) {
                out.println("                   " + d);
            }
        }
        out.flush();
    }

    private static String safeDescribe(Project project) {
        try {
            return project.describeTarget();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * @param backupComing whether the migrate that follows takes its own backup, so a missing recent one is fine
     */
    static List<Check> checks(Project project, Sluice sluice, Optional<Version> target, boolean backupComing) {
        List<Check> checks = new ArrayList<>();
        Check db = database(project);
        checks.add(db);
        boolean reachable = db.status() != Status.FAIL;
        Optional<MigrationPlan> plan = Optional.empty();
        try {
            MigrationCatalog catalog = sluice.catalog();
            List<String> warnings = catalog.warnings().stream().map(MigrationProblem::toString).toList();
            if (!reachable) {
                checks.add(new Check("migrations", warnings.isEmpty() ? Status.PASS : Status.WARN,
                        "files resolve; history not checked (database unreachable)", warnings));
            } else {
                ProjectStatus status = sluice.status();
                List<String> problems = status.problems().stream().map(StateProblem::toString).toList();
                if (!problems.isEmpty()) {
                    checks.add(new Check("migrations", Status.FAIL, problems.size() + " problem"
                            + (problems.size() == 1 ? "" : "s") + " between files and history", problems));
                } else {
                    checks.add(new Check("migrations", warnings.isEmpty() ? Status.PASS : Status.WARN,
                            "files and history agree (checksums, order, no duplicates)", warnings));
                    plan = Optional.of(sluice.planMigrate(target));
                }
            }
        } catch (Exception e) {
            checks.add(new Check("migrations", Status.FAIL, "invalid: " + e.getMessage(), List.of()));
        }
        checks.add(pending(project, plan, reachable));
        checks.add(recentBackup(project, backupComing));
        checks.add(diskSpace(project, reachable));
        checks.add(blockers(project, plan, reachable));
        checks.add(replication(project, reachable));
        checks.add(git(project));
        checks.add(health(project));
        return checks;
    }

    private static Check database(Project project) {
        try (Connection c = Connections.open(project.connections())) {
            return new Check("database", Status.PASS, "reachable, PostgreSQL " + DatabaseFacts.serverVersion(c)
                    + " at " + project.describeTarget(), List.of());
        } catch (Exception e) {
            return new Check("database", Status.FAIL, "unreachable: " + e.getMessage(), List.of());
        }
    }

    /** The pending migrations, each with its lint verdict: an error fails the check, since migrate would stop there. */
    private static Check pending(Project project, Optional<MigrationPlan> plan, boolean reachable) {
        if (plan.isEmpty()) {
            return new Check("pending", Status.WARN, reachable ? "not listed: the migrations are not valid"
                    : "not listed: database unreachable", List.of());
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        Path migrations = project.migrationsDir().toAbsolutePath().normalize();
        for (Finding f : new Linter(project.lintSettings()).lint(Linter.folderInputs(migrations, p -> true)).findings()) {
            String relative = migrations.relativize(Path.of(f.file()).toAbsolutePath().normalize()).toString().replace('\\', '/');
            byFile.computeIfAbsent(relative, k -> new ArrayList<>()).add(f);
        }
        List<String> lines = new ArrayList<>();
        Status status = Status.PASS;
        for (PlanStep step : plan.get().steps()) {
            List<Finding> findings = byFile.getOrDefault(step.scriptName(), List.of());
            long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
            long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
            String verdict = errors + warnings == 0 ? "lint ok" : "lint: " + errors + " error(s), " + warnings + " warning(s): "
                    + findings.stream().map(f -> "line " + f.line() + " [" + f.rule() + "]").collect(java.util.stream.Collectors.joining(", "));
            if (errors > 0) {
                status = Status.FAIL;
            } else if (warnings > 0 && status == Status.PASS) {
                status = Status.WARN;
            }
            lines.add(step.migration().label() + "  [" + step.scriptName() + "]  "
                    + (step.transactional() ? "in one transaction" : "in autocommit") + "; " + verdict);
        }
        String summary = lines.isEmpty() ? "no pending migration"
                : lines.size() + " pending migration" + (lines.size() == 1 ? "" : "s")
                + (status == Status.FAIL ? "; the lint would stop migrate (see sluice lint)" : "");
        return new Check("pending", status, summary, lines);
    }

    /**
     * A recent backup. It does not apply to the embedded development database: its data is a developer's
     * scratch state, and the bundled PostgreSQL ships no pg_dump, so a backup there would need the
     * matching client installed for nothing (see docs/backup.md).
     */
    private static Check recentBackup(Project project, boolean backupComing) {
        if (project.usesEmbedded()) {
            return new Check("backup", Status.PASS, "does not apply to the embedded development database in "
                    + project.embeddedDir() + "/ (back up the servers that hold real data)", List.of());
        }
        Duration maxAge = project.duration("backup-max-age").orElse(DEFAULT_BACKUP_MAX_AGE);
        Optional<BackupManifest> latest;
        try {
            latest = new BackupStore(BackupSupport.dir(project)).latestFull();
        } catch (RuntimeException e) {
            return new Check("backup", Status.FAIL, "backup folder unreadable: " + e.getMessage(), List.of());
        }
        if (maxAge.isZero()) {
            return new Check("backup", Status.PASS, "not checked (backup-max-age off)", List.of());
        }
        String limit = " (backup-max-age " + human(maxAge) + ")";
        if (latest.isPresent() && latest.get().createdAt().isAfter(Instant.now().minus(maxAge))) {
            Duration age = Duration.between(latest.get().createdAt(), Instant.now());
            return new Check("backup", Status.PASS, "backup " + latest.get().id() + " is " + human(age) + " old" + limit, List.of());
        }
        String why = latest.map(m -> "the newest backup " + m.id() + " is older than " + human(maxAge))
                .orElse("no backup in " + BackupSupport.dir(project));
        if (backupComing) {
            return new Check("backup", Status.PASS, why + "; migrate takes one first", List.of());
        }
        return new Check("backup", Status.FAIL, why + "; run 'sluice backup' or migrate with --backup", List.of());
    }

    private static Check diskSpace(Project project, boolean reachable) {
        if (!reachable) {
            return new Check("disk", Status.WARN, "not checked: database unreachable", List.of());
        }
        double factor;
        try {
            factor = Double.parseDouble(project.config().get("backup-space-factor").orElse(Double.toString(DEFAULT_SPACE_FACTOR)));
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, project.config().originOf("backup-space-factor") + ": 'backup-space-factor' must be a number");
        }
        try (Connection c = Connections.open(project.connections())) {
            long size = DatabaseFacts.databaseSize(c);
            Path dir = BackupSupport.dir(project);
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing);
            long free = store.getUsableSpace();
            double needed = size * factor;
            String msg = BackupSupport.size(free) + " free where backups go (" + dir + "), database is "
                    + BackupSupport.size(size) + "; need " + (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
                    + "x that (backup-space-factor)";
            return new Check("disk", free >= needed ? Status.PASS : Status.FAIL, msg, List.of());
        } catch (SQLException | IOException e) {
            return new Check("disk", Status.WARN, "not checked: " + e.getMessage(), List.of());
        }
    }

    private static Check blockers(Project project, Optional<MigrationPlan> plan, boolean reachable) {
        if (!reachable) {
            return new Check("locks", Status.WARN, "not checked: database unreachable", List.of());
        }
        Set<String> tables = new LinkedHashSet<>();
        plan.ifPresent(p -> {
            for (PlanStep step : p.steps()) {
                if (step.body() instanceof SqlMigrationBody sql) {
                    for (SqlStatement s : sql.statements()) {
                        tables.addAll(StatementFacts.of(s).tables());
                    }
                }
            }
        });
        try (Connection c = Connections.open(project.connections())) {
            List<Blocker> holders = BlockerQueries.holdingLocksOn(c, new ArrayList<>(tables));
            List<String> details = new ArrayList<>(holders.stream().map(Blocker::toString).toList());
            if (!holders.isEmpty()) {
                return new Check("locks", Status.FAIL, holders.size() + " session" + (holders.size() == 1 ? "" : "s")
                        + " hold locks on tables the pending migrations touch (" + String.join(", ", tables) + ")", details);
            }
            List<String> longOnes = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select pid, coalesce(application_name, ''), coalesce(state, ''), "
                            + "extract(epoch from now() - xact_start)::bigint from pg_stat_activity "
                            + "where xact_start is not null and pid <> pg_backend_pid() and backend_type = 'client backend' "
                            + "and now() - xact_start > make_interval(secs => " + LONG_TRANSACTION.toSeconds() + ") "
                            + "order by xact_start")) {
                while (rs.next()) {
                    longOnes.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + "), " + rs.getString(3)
                            + ", transaction open " + rs.getLong(4) + "s");
                }
            }
            if (!longOnes.isEmpty()) {
                return new Check("locks", Status.WARN, longOnes.size() + " transaction" + (longOnes.size() == 1 ? "" : "s")
                        + " open longer than " + human(LONG_TRANSACTION) + " (none holds a lock on the "
                        + "tables the pending migrations touch yet)", longOnes);
            }
            return new Check("locks", Status.PASS, tables.isEmpty() ? "no long transactions"
                    : "no lock holders on " + String.join(", ", tables) + ", no long transactions", List.of());
        } catch (SQLException e) {
            return new Check("locks", Status.WARN, "not checked: " + e.getMessage(), List.of());
        }
    }

    private static Check replication(Project project, boolean reachable) {
        if (!reachable) {
            return new Check("replication", Status.WARN, "not checked: database unreachable", List.of());
        }
        try (Connection c = Connections.open(project.connections()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new Check("replication", Status.FAIL, "the target is a standby in recovery: migrate the primary", List.of());
                }
            }
            List<String> replicas = new ArrayList<>();
            boolean lagging = false;
            try (ResultSet rs = s.executeQuery("select coalesce(application_name, ''), coalesce(client_addr::text, 'local'), "
                    + "coalesce(state, ''), coalesce(extract(epoch from replay_lag), 0) from pg_stat_replication")) {
                while (rs.next()) {
                    double lag = rs.getDouble(4);
                    lagging |= lag > REPLICA_LAG_WARN.toSeconds();
                    replicas.add(rs.getString(1) + " at " + rs.getString(2) + ", " + rs.getString(3) + ", replay lag "
                            + String.format(java.util.Locale.ROOT, "%.1fs", lag));
                }
            }
            if (replicas.isEmpty()) {
                return new Check("replication", Status.PASS, "no replicas", List.of());
            }
            return new Check("replication", lagging ? Status.WARN : Status.PASS, replicas.size() + " replica"
                    + (replicas.size() == 1 ? "" : "s") + (lagging ? ", lag above " + REPLICA_LAG_WARN.toSeconds() + "s" : ", in step"),
                    replicas);
        } catch (SQLException e) {
            return new Check("replication", Status.WARN, "not checked: " + e.getMessage(), List.of());
        }
    }

    private static Check git(Project project) {
        Path folder = project.migrationsDir();
        if (!Files.isDirectory(folder)) {
            return new Check("git", Status.WARN, "migrations folder " + folder + " does not exist", List.of());
        }
        try {
            ProcessResult inside = exec(folder, "git", "rev-parse", "--is-inside-work-tree");
            if (inside.code != 0) {
                return new Check("git", Status.WARN, folder + " is not in a git checkout: nothing proves which files were reviewed", List.of());
            }
            ProcessResult status = exec(folder, "git", "status", "--porcelain", "--", ".");
            if (status.code != 0) {
                return new Check("git", Status.WARN, "git status failed: " + status.output.strip(), List.of());
            }
            List<String> changes = status.output.lines().filter(l -> !l.isBlank()).toList();
            if (!changes.isEmpty()) {
                // On the embedded development database, migrating files not yet committed is how they are written.
                return new Check("git", project.usesEmbedded() ? Status.WARN : Status.FAIL, changes.size() + " uncommitted change" + (changes.size() == 1 ? "" : "s")
                        + " in " + folder + ": commit what you migrate", changes.subList(0, Math.min(10, changes.size())));
            }
            return new Check("git", Status.PASS, "migrations folder committed", List.of());
        } catch (IOException e) {
            return new Check("git", Status.WARN, "git is not installed: cannot tell whether the migrations are committed", List.of());
        }
    }

    private static Check health(Project project) {
        Optional<String> url = project.config().get("health-url");
        if (url.isEmpty()) {
            return new Check("health", Status.PASS, "no health-url configured", List.of());
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 400;
            return new Check("health", ok ? Status.PASS : Status.FAIL, url.get() + " answered " + response.statusCode(), List.of());
        } catch (IllegalArgumentException e) {
            return new Check("health", Status.FAIL, "health-url '" + url.get() + "' is not a valid URL", List.of());
        } catch (IOException e) {
            return new Check("health", Status.FAIL, url.get() + " did not answer: " + e, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check("health", Status.FAIL, "interrupted", List.of());
        }
    }

    /** A duration the way a person says it: 3d 4h, 2h 5min, 40s. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d" + (s % 86_400 >= 3600 ? " " + (s % 86_400) / 3600 + "h" : "");
        }
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600 >= 60 ? " " + (s % 3600) / 60 + "min" : "");
        }
        if (s >= 60) {
            return s / 60 + "min";
        }
        return s + "s";
    }

    private record ProcessResult(int code, String output) {
    }

    private static ProcessResult exec(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ProcessResult(-1, "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessResult(-1, "interrupted");
        }
        return new ProcessResult(p.exitValue(), out);
    }
}
