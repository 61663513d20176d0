package dev.sluice.doctor;

import dev.sluice.migration.Version;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the checklist needs to know beyond the facade's options, as plain data: a shell computes these
 * from its own configuration.
 *
 * @param target            the version the coming migrate stops at; empty for all pending
 * @param backupComing      the migrate that follows takes its own backup first, so a missing recent one is fine
 * @param migrationsDir     the migrations folder: linted for the pending check, and asked to {@code git}
 * @param backupDir         where backups go: the recent-backup check reads it, the disk check measures its file system
 * @param embeddedDir       present when the target is the embedded development database, with its data folder
 * @param backupMaxAge      how recent the newest full backup must be; zero turns the check off
 * @param backupSpaceFactor free space needed where backups go, in database sizes
 * @param healthUrl         the application's health endpoint, if any
 */
public record DoctorRequest(Optional<Version> target, boolean backupComing, Path migrationsDir, Path backupDir,
                            Optional<Path> embeddedDir, Duration backupMaxAge, double backupSpaceFactor,
                            Optional<String> healthUrl) {

    public static final Duration DEFAULT_BACKUP_MAX_AGE = Duration.ofHours(24);
    public static final double DEFAULT_SPACE_FACTOR = 2.0;

    public DoctorRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(migrationsDir, "migrationsDir");
        Objects.requireNonNull(backupDir, "backupDir");
        Objects.requireNonNull(embeddedDir, "embeddedDir");
        Objects.requireNonNull(backupMaxAge, "backupMaxAge");
        Objects.requireNonNull(healthUrl, "healthUrl");
        if (backupMaxAge.isNegative()) {
            throw new IllegalArgumentException("backupMaxAge must not be negative, not " + backupMaxAge);
        }
        if (!Double.isFinite(backupSpaceFactor)) {
            throw new IllegalArgumentException("backupSpaceFactor must be a number, not " + backupSpaceFactor);
        }
    }

    /** The defaults: all pending migrations, no backup coming, a configured (not embedded) target, no health endpoint. */
    public static DoctorRequest of(Path migrationsDir, Path backupDir) {
        return new DoctorRequest(Optional.empty(), false, migrationsDir, backupDir, Optional.empty(),
                DEFAULT_BACKUP_MAX_AGE, DEFAULT_SPACE_FACTOR, Optional.empty());
    }

    public DoctorRequest withTarget(Optional<Version> v) {
        return new DoctorRequest(v, backupComing, migrationsDir, backupDir, embeddedDir, backupMaxAge, backupSpaceFactor, healthUrl);
    }

    public DoctorRequest withBackupComing(boolean b) {
        return new DoctorRequest(target, b, migrationsDir, backupDir, embeddedDir, backupMaxAge, backupSpaceFactor, healthUrl);
    }

    /** The target is the embedded development database, whose data lives in {@code dataDir}. */
    public DoctorRequest withEmbeddedDir(Optional<Path> dataDir) {
        return new DoctorRequest(target, backupComing, migrationsDir, backupDir, dataDir, backupMaxAge, backupSpaceFactor, healthUrl);
    }

    public DoctorRequest withBackupMaxAge(Duration d) {
        return new DoctorRequest(target, backupComing, migrationsDir, backupDir, embeddedDir, d, backupSpaceFactor, healthUrl);
    }

    public DoctorRequest withBackupSpaceFactor(double f) {
        return new DoctorRequest(target, backupComing, migrationsDir, backupDir, embeddedDir, backupMaxAge, f, healthUrl);
    }

    public DoctorRequest withHealthUrl(Optional<String> url) {
        return new DoctorRequest(target, backupComing, migrationsDir, backupDir, embeddedDir, backupMaxAge, backupSpaceFactor, url);
    }

    /** Whether the target is the embedded development database. */
    public boolean embedded() {
        return embeddedDir.isPresent();
    }
}
