package dev.sluice.monitor;

import dev.sluice.backup.BackupManifest;
import dev.sluice.backup.BackupStore;
import dev.sluice.execution.MigrationStatus;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.VersionState;
import dev.sluice.history.AppliedMigration;
import dev.sluice.lint.Finding;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationValidation;
import dev.sluice.monitor.internal.PendingLint;
import dev.sluice.monitor.internal.StateReader;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.OnlineChange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches one database's migrations for a dashboard, a health probe and metrics. Long-lived and
 * thread-safe: one monitor per database, shared by every reader, so that many browser tabs and a metrics
 * scrape cost the database one refresh per {@link MonitorSettings#maxAge()}.
 *
 * <p>A refresh ({@link #refresh()}) costs a handful of catalog queries on one short-lived connection
 * ({@link MonitorSnapshot#queries()} says how many) and never takes or waits for a lock a migration needs;
 * see the package documentation. The drift check ({@link #checkDrift()}) is expensive and runs only when
 * asked; its result is kept and shown by every later snapshot.
 *
 * <p>It keeps between refreshes only what it must: the drift result, the lint findings of unchanged files,
 * and the previous backfill counts, from which the backfill rate is computed.
 */
public final class SluiceMonitor {

    private final MonitorTarget target;
    private final MonitorSettings settings;
    private final Clock clock;
    private final StateReader reader;
    private final PendingLint lint;

    private final Object refreshing = new Object();
    private final Object checking = new Object();
    private volatile MonitorSnapshot latest;
    private volatile DriftStatus drift = DriftStatus.notChecked("not checked yet");
    private Map<String, Sample> lastBackfill = Map.of();

    private record Sample(long rows, Instant at, double rate) {
    }

    public SluiceMonitor(MonitorTarget target, MonitorSettings settings, Clock clock) {
        this.target = target;
        this.settings = settings;
        this.clock = clock;
        this.reader = new StateReader(target.connections(), target.schema(), target.historyTable());
        this.lint = new PendingLint(target.lint());
    }

    public MonitorSettings settings() {
        return settings;
    }

    /** The database, password masked. */
    public String database() {
        return target.database();
    }

    /** The latest snapshot when it is younger than {@link MonitorSettings#maxAge()}, a fresh one otherwise. */
    public MonitorSnapshot current() {
        MonitorSnapshot s = latest;
        if (s != null && Duration.between(s.readAt(), clock.instant()).compareTo(settings.maxAge()) < 0) {
            return s;
        }
        synchronized (refreshing) {
            s = latest;
            if (s != null && Duration.between(s.readAt(), clock.instant()).compareTo(settings.maxAge()) < 0) {
                return s;
            }
            return refresh();
        }
    }

    /** Health of {@link #current()}, by {@link HealthReport#of}. */
    public HealthReport health() {
        return HealthReport.of(current(), settings);
    }

    /**
     * Reads the database now. Never throws for the database's sake: a database that does not answer gives a
     * snapshot with {@link MonitorSnapshot#error()}.
     */
    public MonitorSnapshot refresh() {
        synchronized (refreshing) {
            MonitorSnapshot s = read();
            latest = s;
            return s;
        }
    }

    /**
     * Runs the drift check now, unless a migration run holds the lock (its half-done schema is no drift, and
     * reading the schema then could wait on its locks): then the previous result stays. Never throws: a check
     * that fails is a {@link DriftStatus.State#ERROR} with the reason.
     */
    public DriftStatus checkDrift() {
        synchronized (checking) {
            return checkDriftNow();
        }
    }

    private DriftStatus checkDriftNow() {
        MonitorSnapshot now = refresh();
        if (now.run().isPresent()) {
            if (drift.state() == DriftStatus.State.NOT_CHECKED) {
                drift = DriftStatus.notChecked("not checked: a migration run holds the lock; check again after it");
            }
        } else if (now.error().isEmpty()) {
            try {
                drift = target.checkDrift(settings.driftMode());
            } catch (Exception e) {
                drift = DriftStatus.failed(clock.instant(), settings.driftMode(), "the drift check failed: " + e.getMessage());
            }
        }
        return refresh().drift();
    }

    /** The last drift check's result, without running one. */
    public DriftStatus lastDrift() {
        return drift;
    }

    private MonitorSnapshot read() {
        Instant at = clock.instant();
        long started = System.nanoTime();
        List<String> fileProblems = new ArrayList<>();
        MigrationCatalog catalog;
        try {
            MigrationValidation files = target.files();
            files.problems().forEach(p -> fileProblems.add(p.toString()));
            catalog = files.catalog();
        } catch (RuntimeException e) {
            fileProblems.add(String.valueOf(e.getMessage()));
            catalog = null;
        }
        Optional<BackupManifest> backup = newestBackup();
        int[] queries = new int[1];
        StateReader.State state;
        try {
            state = reader.read(n -> queries[0] = n);
        } catch (Exception e) {
            return MonitorSnapshot.unreadable(target.database(), at, "cannot read " + target.database() + ": " + e.getMessage(),
                    fileProblems, drift, backup, queries[0], Duration.ofNanos(System.nanoTime() - started));
        }
        boolean runnerActive = state.holder().isPresent();
        List<PendingMigration> pending = new ArrayList<>();
        List<AppliedMigration> failed = new ArrayList<>();
        List<AppliedMigration> interrupted = new ArrayList<>();
        Optional<dev.sluice.migration.Version> current = Optional.empty();
        List<dev.sluice.execution.StateProblem> problems = List.of();
        if (catalog != null) {
            ProjectStatus status = ProjectStatus.of(catalog, state.history(), runnerActive);
            current = status.current();
            problems = status.problems();
            List<MigrationStatus> waiting = status.withState(VersionState.PENDING);
            Set<String> scripts = waiting.stream().flatMap(e -> e.migration().stream()).map(Migration::script)
                    .collect(Collectors.toSet());
            Map<String, List<Finding>> findings = lint.of(catalog, scripts);
            for (MigrationStatus e : waiting) {
                Migration m = e.migration().orElseThrow();
                pending.add(new PendingMigration(e.version(), e.description(), m.script(), e.type(),
                        findings.getOrDefault(m.script(), List.of()), findings.containsKey(m.script())));
            }
            status.withState(VersionState.FAILED).forEach(e -> e.lastRow().ifPresent(failed::add));
            if (!runnerActive) {
                status.withState(VersionState.RUNNING).forEach(e -> e.lastRow().ifPresent(interrupted::add));
            }
        }
        Optional<ActiveRun> run = state.holder().map(h -> new ActiveRun(h.pid(), h.since(), h.statement(), h.statementSince()));
        return new MonitorSnapshot(target.database(), at, Optional.empty(), fileProblems, current, pending, state.history(),
                failed, interrupted, run, problems, drift, backup, state.online().map(o -> withRates(o, at)), state.queries(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Optional<BackupManifest> newestBackup() {
        try {
            return target.backupDir().flatMap(dir -> new BackupStore(dir).latestFull());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The change with each table's rate: rows done since the previous refresh over the time between them. */
    private synchronized OnlineChange withRates(OnlineChange change, Instant at) {
        Map<String, Sample> next = new HashMap<>();
        List<BackfillProgress> progress = new ArrayList<>();
        for (BackfillProgress b : change.backfills()) {
            String key = change.version() + "/" + b.table();
            Sample before = lastBackfill.get(key);
            double rate = 0;
            if (before != null && !b.done()) {
                double seconds = Duration.between(before.at(), at).toMillis() / 1000.0;
                rate = seconds > 0 ? Math.max(0, b.rowsDone() - before.rows()) / seconds : before.rate();
            }
            next.put(key, new Sample(b.rowsDone(), at, rate));
            progress.add(new BackfillProgress(b.table(), b.rowsDone(), b.rowsTotal(), rate, b.done()));
        }
        lastBackfill = next;
        return new OnlineChange(change.version(), change.description(), change.script(), change.phase(), change.oldSchema(),
                change.newSchema(), change.startedAt(), change.completedAt(), progress);
    }
}
