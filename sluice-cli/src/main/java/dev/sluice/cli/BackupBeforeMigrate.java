package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.backup.BackupSettings;
import dev.sluice.backup.BeforeMigrateBackup;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.migration.Version;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * The step {@code migrate --backup} (or {@code backup-before-migrate = true}) runs before any migration:
 * a full backup with its manifest written, then copies of the tables the pending migrations drop or
 * rewrite, then retention. It does nothing when nothing is pending, and any failure stops the migrate
 * before a statement has run.
 */
final class BackupBeforeMigrate {

    private BackupBeforeMigrate() {
    }

    static boolean wanted(Project project, boolean flag) {
        return flag || project.config().getBoolean("backup-before-migrate").orElse(false);
    }

    static void run(Project project, Sluice sluice, Optional<Version> target, PrintWriter out, Terminal terminal) throws Exception {
        MigrationPlan plan = sluice.planMigrate(target);
        if (plan.isEmpty()) {
            out.println("backup skipped: no pending migration");
            return;
        }
        BackupSettings settings = BackupSupport.settings(project, null);
        String until = target.map(v -> " up to " + v).orElse("");
        out.println("backing up " + project.describeTarget() + " before migrating" + until + " ...");
        out.flush();
        BeforeMigrateBackup taken;
        try (ProgressLine progress = new ProgressLine(out, terminal, "dumping")) {
            taken = sluice.backupBeforeMigrate(plan, settings, project.pgTarget(), "before migrate" + until, progress);
        }
        BackupCommand.printFull(out, taken.full().orElseThrow(), settings.dir());
        taken.tables().ifPresent(m -> BackupCommand.printTables(out, m));
        BackupSupport.print(out, taken.retention(), settings);
        out.flush();
    }
}
