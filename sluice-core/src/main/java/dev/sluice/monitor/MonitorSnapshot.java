package dev.sluice.monitor;

import dev.sluice.backup.BackupManifest;
import dev.sluice.execution.StateProblem;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.OnlineChange;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One database's migrations as one refresh of {@link SluiceMonitor} read them. Immutable; every figure of
 * the dashboard, the health answer and the metrics comes from here.
 *
 * @param database     the database, its URL with the password masked
 * @param readAt       when the refresh read it
 * @param error        why the database could not be read; everything from the database is then empty
 * @param fileProblems problems of the migration files themselves; the rest is judged from the files that resolved
 * @param current      the current version
 * @param pending      migrations waiting, in the order migrate would run them, with their lint findings
 * @param history      every history row, oldest first: the timeline
 * @param failed       the newest row of each version whose last attempt failed
 * @param interrupted  RUNNING rows that no runner holds: a crash left them
 * @param run          the run in progress, when a session holds the migration lock
 * @param problems     what does not add up between files and history (as {@code sluice status} lists it)
 * @param drift        the last drift check's result, kept between refreshes
 * @param backup       the newest full backup in the backup folder
 * @param online       the online change in progress, with each table's backfill and its rate since the last refresh
 * @param queries      how many SQL statements this refresh sent, for the cost the dashboard shows
 * @param readTime     how long the refresh took
 */
public record MonitorSnapshot(String database, Instant readAt, Optional<String> error, List<String> fileProblems,
                              Optional<Version> current, List<PendingMigration> pending, List<AppliedMigration> history,
                              List<AppliedMigration> failed, List<AppliedMigration> interrupted, Optional<ActiveRun> run,
                              List<StateProblem> problems, DriftStatus drift, Optional<BackupManifest> backup,
                              Optional<OnlineChange> online, int queries, Duration readTime) {

    public MonitorSnapshot {
        fileProblems = List.copyOf(fileProblems);
        pending = List.copyOf(pending);
        history = List.copyOf(history);
        failed = List.copyOf(failed);
        interrupted = List.copyOf(interrupted);
        problems = List.copyOf(problems);
    }

    /** A database that could not be read: only the error, the drift and the backup are known. */
    public static MonitorSnapshot unreadable(String database, Instant readAt, String error, List<String> fileProblems,
                                             DriftStatus drift, Optional<BackupManifest> backup, int queries, Duration readTime) {
        return new MonitorSnapshot(database, readAt, Optional.of(error), fileProblems, Optional.empty(), List.of(), List.of(),
                List.of(), List.of(), Optional.empty(), List.of(), drift, backup, Optional.empty(), queries, readTime);
    }

    /** The newest successful history row (a migration applied, or undone by a rollback). */
    public Optional<AppliedMigration> lastSuccess() {
        return history.stream()
                .filter(r -> r.state() == MigrationState.APPLIED || r.state() == MigrationState.ROLLED_BACK)
                .filter(r -> r.finishedAt().isPresent())
                .max(Comparator.comparing((AppliedMigration r) -> r.finishedAt().orElseThrow()).thenComparingInt(AppliedMigration::rank));
    }

    /** When the newest successful migration finished. */
    public Optional<Instant> lastSuccessAt() {
        return lastSuccess().flatMap(AppliedMigration::finishedAt);
    }

    /** How long the newest successful migration took. */
    public Optional<Duration> lastDuration() {
        return lastSuccess().flatMap(AppliedMigration::executionMs).map(Duration::ofMillis);
    }

    /** History rows in state FAILED, ever: a counter that only a repair lowers. */
    public long failures() {
        return history.stream().filter(r -> r.state() == MigrationState.FAILED).count();
    }

    /** The age of the newest full backup at {@link #readAt()}. */
    public Optional<Duration> backupAge() {
        return backup.map(b -> Duration.between(b.createdAt(), readAt));
    }

    /** Rows the change in progress has backfilled so far, over all its tables. */
    public long backfillRowsDone() {
        return online.map(o -> o.backfills().stream().mapToLong(BackfillProgress::rowsDone).sum()).orElse(0L);
    }

    /** Rows the change in progress has to backfill, over all its tables. */
    public long backfillRowsTotal() {
        return online.map(o -> o.backfills().stream().mapToLong(BackfillProgress::rowsTotal).sum()).orElse(0L);
    }

    /** Rows per second the backfill advanced between the last two refreshes, over all its tables. */
    public double backfillRate() {
        return online.map(o -> o.backfills().stream().mapToDouble(BackfillProgress::rowsPerSecond).sum()).orElse(0.0);
    }
}
