package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.backup.BackupManifest;
import dev.sluice.backup.DestructiveChanges;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.migration.Version;

import java.io.PrintWriter;
import java.util.List;
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
        BackupSupport support = new BackupSupport(project, null);
        String until = target.map(v -> " up to " + v).orElse("");
        out.println("backing up " + project.describeTarget() + " before migrating" + until + " ...");
        out.flush();
        BackupManifest full;
        try (ProgressLine progress = new ProgressLine(out, terminal, "dumping")) {
            full = support.backups().full("before migrate" + until, progress);
        }
        BackupCommand.printFull(out, full, support);
        List<String> destructive = DestructiveChanges.tables(plan.upBodies());
        if (!destructive.isEmpty()) {
            support.backups().tables(destructive, "before migrate" + until + ": pending migrations drop or rewrite data")
                    .ifPresent(m -> BackupCommand.printTables(out, m));
        }
        support.prune(out);
        out.flush();
    }
}
