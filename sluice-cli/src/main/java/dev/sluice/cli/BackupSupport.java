package dev.sluice.cli;

import dev.sluice.SluiceOptions;
import dev.sluice.backup.BackupStore;
import dev.sluice.backup.Backups;
import dev.sluice.backup.PgTarget;
import dev.sluice.backup.PgTools;
import dev.sluice.backup.SchemaFingerprinter;
import dev.sluice.history.HistoryTable;
import dev.sluice.migration.DurationText;
import dev.sluice.schema.SchemaReader;
import dev.sluice.schema.SnapshotOptions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the backup machinery for a project from its config and flags, and applies retention. */
final class BackupSupport {

    static final int DEFAULT_KEEP = 10;

    private final Project project;
    private final Supplier<PgTools> tools;
    private final PgTarget target;
    private final Backups backups;

    BackupSupport(Project project, PgToolOptions flags) {
        this.project = project;
        this.target = project.pgTarget();
        Optional<Path> dump = Optional.ofNullable(flags == null ? null : flags.pgDump)
                .or(() -> project.config().get("pg-dump").map(Path::of));
        Optional<Path> restore = Optional.ofNullable(flags == null ? null : flags.pgRestore)
                .or(() -> project.config().get("pg-restore").map(Path::of));
        PgTools[] located = new PgTools[1];
        this.tools = () -> {
            if (located[0] == null) {
                located[0] = PgTools.locate(dump, restore);
            }
            return located[0];
        };
        SluiceOptions options = project.sluice(project.settings()).options();
        HistoryTable history = new HistoryTable(options.schema(), options.historyTable());
        // The same canonical fingerprint the history and drift use, so a manifest can be compared with both.
        SnapshotOptions snapshot = SnapshotOptions.defaults().withHistoryTable(history.schema(), history.table());
        SchemaFingerprinter fingerprinter = c -> new SchemaReader(snapshot).read(c).fingerprint();
        BackupStore store = new BackupStore(dir(project));
        // A killed run's pgpass file holds a password: gone before anything else happens.
        store.removeStaleFiles(false);
        this.backups = new Backups(project.connections(), target, tools, store, fingerprinter, history, Clock.systemUTC());
    }

    /** The backup folder: {@code backup-dir} from the config, relative to the project, default {@code .sluice/backups}. */
    static Path dir(Project project) {
        return project.dir().resolve(project.config().get("backup-dir").orElse(".sluice/backups"));
    }

    Backups backups() {
        return backups;
    }

    PgTools tools() {
        return tools.get();
    }

    PgTarget target() {
        return target;
    }

    /** Applies {@code backup-keep} and {@code backup-max-keep-age}; prints what it removed. */
    void prune(PrintWriter out) throws SQLException {
        int keep = project.config().get("backup-keep").map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new CliException(ExitCodes.USAGE, project.config().file() + ": 'backup-keep' must be a whole number of at least 1, not '" + v + "'");
            }
        }).orElse(DEFAULT_KEEP);
        Optional<Duration> maxKeepAge = project.duration("backup-max-keep-age");
        for (Path orphan : backups.store().removeStaleFiles(true)) {
            if (orphan.getFileName().toString().endsWith(".partial")) {
                out.println("removed " + orphan.getFileName() + ", the partial dump of a run that was killed");
            }
        }
        List<String> removed = backups.prune(keep, maxKeepAge);
        for (String id : removed) {
            out.println("pruned backup " + id + " (retention: keep " + keep
                    + maxKeepAge.map(d -> " and any younger than " + DurationText.human(d)).orElse("") + ")");
        }
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String size(long bytes) {
        return dev.sluice.migration.ByteSizeText.format(bytes);
    }
}
