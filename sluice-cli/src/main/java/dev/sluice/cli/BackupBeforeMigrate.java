package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.backup.BackupSettings;
import dev.sluice.backup.BeforeMigrateBackup;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.migration.Version;

import java.io.PrintWriter;
import java.sql.SQLException;
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

    /**
     * Backs up for {@code plan}, the run's own plan read under the migration lock; called only when something
     * is pending.
     */
    static void run(Project project, Sluice sluice, MigrationPlan plan, Optional<Version> target, PrintWriter out,
                    Terminal terminal) throws SQLException {
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
