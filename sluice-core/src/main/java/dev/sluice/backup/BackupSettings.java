package dev.sluice.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where backups go, which tools make them, and how many are kept.
 *
 * @param dir        the backup folder (created 0700; dumps, manifests and the pgpass file are 0600)
 * @param pgDump     pg_dump to use instead of the one found on the PATH or beside the server's major
 * @param pgRestore  pg_restore to use likewise
 * @param keep       how many backups retention keeps, at least 1
 * @param maxKeepAge backups younger than this are kept even past {@code keep}
 */
public record BackupSettings(Path dir, Optional<Path> pgDump, Optional<Path> pgRestore, int keep,
                             Optional<Duration> maxKeepAge) {

    /** The folder used when none is configured, relative to the project. */
    public static final String DEFAULT_DIR = ".sluice/backups";
    public static final int DEFAULT_KEEP = 10;

    public BackupSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(pgDump, "pgDump");
        Objects.requireNonNull(pgRestore, "pgRestore");
        Objects.requireNonNull(maxKeepAge, "maxKeepAge");
        if (keep < 1) {
            throw new IllegalArgumentException("backup-keep must be at least 1, not " + keep);
        }
    }

    /** The defaults for a project folder. */
    public static BackupSettings defaults(Path projectDir) {
        return new BackupSettings(projectDir.resolve(DEFAULT_DIR), Optional.empty(), Optional.empty(), DEFAULT_KEEP,
                Optional.empty());
    }

    public BackupSettings withTools(Optional<Path> dump, Optional<Path> restore) {
        return new BackupSettings(dir, dump.or(() -> pgDump), restore.or(() -> pgRestore), keep, maxKeepAge);
    }
}
