package dev.sluice.cli;

import dev.sluice.backup.BackupSettings;
import dev.sluice.backup.Backups;
import dev.sluice.backup.PgTarget;
import dev.sluice.backup.PgTools;
import dev.sluice.backup.Retention;
import dev.sluice.migration.DurationText;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/** The project's backups as the command line opens them: settings from the config and flags, and retention's report. */
final class BackupSupport {

    private final Project project;
    private final BackupSettings settings;
    private final PgTarget target;
    private final Backups backups;

    BackupSupport(Project project, PgToolOptions flags) {
        this.project = project;
        this.target = project.pgTarget();
        this.settings = settings(project, flags);
        this.backups = project.sluice(project.settings()).backups(settings, target);
    }

    static BackupSettings settings(Project project, PgToolOptions flags) {
        return project.config().backup(project.dir()).withTools(
                Optional.ofNullable(flags == null ? null : flags.pgDump),
                Optional.ofNullable(flags == null ? null : flags.pgRestore));
    }

    /** The backup folder: {@code backup-dir} from the config, relative to the project, default {@code .sluice/backups}. */
    static Path dir(Project project) {
        return project.config().backup(project.dir()).dir();
    }

    Backups backups() {
        return backups;
    }

    PgTools tools() {
        return backups.tools();
    }

    PgTarget target() {
        return target;
    }

    /** Applies {@code backup-keep} and {@code backup-max-keep-age}; prints what it removed. */
    void prune(PrintWriter out) throws SQLException {
        print(out, backups.retain(settings.keep(), settings.maxKeepAge()), settings);
    }

    static void print(PrintWriter out, Retention retention, BackupSettings settings) {
        for (Path orphan : retention.removedPartials()) {
            out.println("removed " + orphan.getFileName() + ", the partial dump of a run that was killed");
        }
        for (String id : retention.pruned()) {
            out.println("pruned backup " + id + " (retention: keep " + settings.keep()
                    + settings.maxKeepAge().map(d -> " and any younger than " + DurationText.human(d)).orElse("") + ")");
        }
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String size(long bytes) {
        return dev.sluice.migration.ByteSizeText.format(bytes);
    }
}
