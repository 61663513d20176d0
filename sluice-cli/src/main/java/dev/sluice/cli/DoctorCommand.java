package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.Sluice;
import dev.sluice.doctor.CheckResult;
import dev.sluice.doctor.DoctorReport;
import dev.sluice.doctor.DoctorRequest;
import dev.sluice.migration.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sluice doctor}: the pre-migration checklist as one command. Each check prints PASS, WARN or FAIL
 * with its reason; any FAIL makes the exit code non-zero, and {@code migrate --preflight} stops there.
 * The checks are the core's ({@code dev.sluice.doctor}); this class turns the project's config into a
 * {@link DoctorRequest} and renders the report.
 */
@Command(name = "doctor", description = "Check that the database, the migrations, the backups and the surroundings are ready for a migration.")
final class DoctorCommand extends ProjectCommand {

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(Project project) throws Exception {
        DoctorRequest request = request(project, Optional.empty(), BackupBeforeMigrate.wanted(project, false));
        DoctorReport report = project.sluice(project.settings()).doctor(request);
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("database", report.target());
            root.put("ok", report.ok());
            List<Object> items = new ArrayList<>();
            for (CheckResult c : report.checks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.id());
                m.put("status", c.status().name());
                m.put("message", c.outcome().message());
                m.put("details", c.outcome().details());
                items.add(m);
            }
            root.put("checks", items);
            out().println(Json.write(root));
        } else {
            print(out(), report, terminal());
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * For {@code migrate --preflight}: prints the checklist for the run's own plan (read under the migration
     * lock); false when a check failed.
     */
    static boolean preflight(Project project, Sluice sluice, dev.sluice.execution.MigrationPlan plan, Optional<Version> target,
                             boolean backupComing, PrintWriter out, Terminal terminal) {
        DoctorReport report = sluice.doctor(request(project, target, backupComing), plan);
        print(out, report, terminal);
        out.println(report.ok() ? "preflight passed" : "preflight failed: nothing ran");
        out.flush();
        return report.ok();
    }

    /**
     * What the checks need from this project's config, as plain data. A bad {@code backup-max-age} or
     * {@code backup-space-factor} is a usage error naming the file and key, before any check runs.
     */
    static DoctorRequest request(Project project, Optional<Version> target, boolean backupComing) {
        Duration maxAge = project.duration("backup-max-age").orElse(DoctorRequest.DEFAULT_BACKUP_MAX_AGE);
        double factor = project.config().decimal("backup-space-factor").orElse(DoctorRequest.DEFAULT_SPACE_FACTOR);
        return DoctorRequest.of(project.migrationsDir(), BackupSupport.dir(project))
                .withTarget(target)
                .withBackupComing(backupComing)
                .withEmbeddedDir(project.usesEmbedded() ? Optional.of(project.embeddedDir()) : Optional.empty())
                .withBackupMaxAge(maxAge)
                .withBackupSpaceFactor(factor)
                .withHealthUrl(project.config().get("health-url"));
    }

    private static void print(PrintWriter out, DoctorReport report, Terminal terminal) {
        for (CheckResult c : report.checks()) {
            String status = String.format("%-4s", c.status());
            status = switch (c.status()) {
                case PASS -> terminal.green(status);
                case WARN -> terminal.yellow(status);
                case FAIL -> terminal.red(status);
            };
            out.printf("%s  %-12s %s%n", status, c.id(), c.outcome().message());
            for (String d : c.outcome().details()) {
                out.println("                   " + d);
            }
        }
        out.flush();
    }
}
