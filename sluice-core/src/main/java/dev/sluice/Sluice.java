package dev.sluice;

import dev.sluice.adopt.AdoptRequest;
import dev.sluice.adopt.AdoptResult;
import dev.sluice.adopt.AdoptSource;
import dev.sluice.adopt.internal.Adopter;
import dev.sluice.adopt.internal.ForeignHistories;
import dev.sluice.db.internal.AdvisoryLock;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.db.DatabaseUnavailableException;
import dev.sluice.db.Deadline;
import dev.sluice.db.LockLostException;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.db.internal.SessionKeepAlive;
import dev.sluice.execution.ConnectionLostException;
import dev.sluice.migration.DurationText;
import dev.sluice.doctor.Doctor;
import dev.sluice.doctor.DoctorContext;
import dev.sluice.doctor.DoctorReport;
import dev.sluice.doctor.DoctorRequest;
import dev.sluice.doctor.ProjectState;
import dev.sluice.db.internal.Privileges;
import dev.sluice.db.internal.SqlStates;
import dev.sluice.execution.internal.LockCheck;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.internal.MigrationPlanner;
import dev.sluice.execution.MigrationStatus;
import dev.sluice.execution.internal.PlanExecutor;
import dev.sluice.execution.internal.ProjectTracer;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.execution.StepResult;
import dev.sluice.execution.VersionState;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.internal.HistoryRow;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.history.MigrationState;
import dev.sluice.lint.GateReport;
import dev.sluice.lint.LintSettings;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.internal.MigrationResolver;
import dev.sluice.execution.internal.CallbackRunner;
import dev.sluice.migration.CallbackEvent;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.MigrationValidation;
import dev.sluice.migration.OnlineMigrationBody;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineException;
import dev.sluice.online.OnlineListener;
import dev.sluice.online.OnlineMigrationFile;
import dev.sluice.online.OnlinePlan;
import dev.sluice.online.internal.OnlineRunner;
import dev.sluice.online.internal.PlainMigration;
import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.progress.Progress;
import dev.sluice.postgres.ScratchDatabases;
import dev.sluice.postgres.ScratchSettings;
import dev.sluice.rehearsal.Rehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.RehearsalTarget;
import dev.sluice.rewrite.RewriteDefaults;
import dev.sluice.rewrite.RewriteListener;
import dev.sluice.rewrite.RewriteResult;
import dev.sluice.rewrite.internal.RewriteMigrations;
import dev.sluice.rewrite.internal.RewriteRunner;
import dev.sluice.schema.SchemaDiff;
import dev.sluice.schema.internal.SchemaReader;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.schema.SnapshotOptions;
import dev.sluice.schema.internal.ViewDefinitions;
import dev.sluice.verify.VerifyGate;
import dev.sluice.verify.VerifyReport;
import dev.sluice.verify.VerifyRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The entry point for embedders and the command line: status, migrate, rollback, validate, baseline,
 * repair and the pre-migration checklist (doctor) against one database, and the lock trace of the
 * project's migrations on a scratch one.
 *
 * <p>Every changing operation takes the migration lock first and reads the history only after it holds
 * it, so two runners never plan from the same stale state. Every operation resolves the project's
 * migrations before it connects, so a broken file is reported without touching the database.
 */
public final class Sluice {

    private final SluiceOptions options;
    private final HistoryTable history;
    /** Whether {@link #catalog()} keeps what it resolved first; see {@link #resolvingOnce()}. */
    private final boolean resolveOnce;
    private volatile MigrationCatalog resolved;

    public Sluice(SluiceOptions options) {
        this(options, false);
    }

    private Sluice(SluiceOptions options, boolean resolveOnce) {
        this.options = options;
        this.history = new HistoryTable(options.schema(), options.historyTable());
        this.resolveOnce = resolveOnce;
    }

    /**
     * This facade, resolving the project's migrations (reading, checksumming and parsing every file) on its
     * first need and keeping the result for every later operation. For a process that runs one command and
     * ends, which otherwise resolved a large project several times (for warnings, for the progress display,
     * for the run). Hazard: files edited after the first resolution are not seen, so a long-lived embedder
     * that runs several operations should use a plain {@code Sluice}.
     */
    public Sluice resolvingOnce() {
        return new Sluice(options, true);
    }

    public SluiceOptions options() {
        return options;
    }

    /** The project's migrations, resolved; throws {@link dev.sluice.migration.MigrationLoadException} when they conflict. */
    public MigrationCatalog catalog() {
        MigrationCatalog catalog = resolved;
        if (catalog == null) {
            catalog = validateFiles().orThrow();
            if (resolveOnce) {
                resolved = catalog;
            }
        }
        return catalog;
    }

    /**
     * The one check of the migration files that every verb runs before anything else: all their problems
     * at once, and what resolved. Touches no database.
     */
    public MigrationValidation validateFiles() {
        return new MigrationResolver(options.strictNames(), OnlineMigrationFile::check, placeholderReplacer())
                .validate(options.sources());
    }

    /** The run's placeholder values; the database is asked for {@code user} and {@code database} only when a file uses them. */
    private dev.sluice.migration.internal.PlaceholderReplacer placeholderReplacer() {
        return dev.sluice.migration.internal.PlaceholderReplacer.of(options.placeholders(), options.schema(), options.historyTable(), () -> {
            try (java.sql.Connection c = dev.sluice.db.Connections.open(options.connections());
                 java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet r = s.executeQuery("select current_user, current_database()")) {
                r.next();
                return java.util.Map.of("user", r.getString(1), "database", r.getString(2));
            } catch (java.sql.SQLException e) {
                throw new dev.sluice.db.DatabaseUnavailableException("cannot read the user and database for the placeholders ${flyway:user} and"
                        + " ${flyway:database} from " + options.connections().describe() + ": " + e.getMessage(), false, e);
            }
        });
    }

    /**
     * Lints the given migration files and folders, or the project's migrations folder when none is given,
     * with the project's lint settings; the file validation is merged in when project files are linted.
     * Touches no database.
     */
    public dev.sluice.lint.LintResult lint(java.util.List<java.nio.file.Path> paths) {
        return lint(paths, options.lint());
    }

    /** {@link #lint(java.util.List)} with other lint settings, e.g. another oldest PostgreSQL major. */
    public dev.sluice.lint.LintResult lint(java.util.List<java.nio.file.Path> paths, LintSettings settings) {
        // The first folder read: a folder in another tool's layout is linted as its source reads it.
        Optional<java.nio.file.Path> folder = options.sources().stream().map(dev.sluice.migration.MigrationSource::localFolder)
                .flatMap(Optional::stream).findFirst();
        return new dev.sluice.lint.ProjectLint(settings, folder, this::validateFiles).lint(paths);
    }

    /**
     * The backups of this project's database: full ones through pg_dump, table copies, verification in a
     * scratch database, restores and retention. Opening them deletes any password file a killed run left.
     *
     * @param target the database as pg_dump and pg_restore address it
     */
    public dev.sluice.backup.Backups backups(dev.sluice.backup.BackupSettings settings, dev.sluice.backup.PgTarget target) {
        // The same canonical fingerprint the history and drift use, so a manifest can be compared with both.
        SnapshotOptions snapshot = SnapshotOptions.defaults().withHistoryTable(history.schema(), history.table());
        dev.sluice.backup.SchemaFingerprinter fingerprinter = c -> new dev.sluice.schema.internal.SchemaReader(snapshot).read(c).fingerprint();
        dev.sluice.backup.BackupStore store = new dev.sluice.backup.BackupStore(settings.dir());
        store.removeStaleFiles(false);
        dev.sluice.backup.PgTools[] located = new dev.sluice.backup.PgTools[1];
        java.util.function.Supplier<dev.sluice.backup.PgTools> tools = () -> {
            if (located[0] == null) {
                located[0] = dev.sluice.backup.PgTools.locate(settings.pgDump(), settings.pgRestore());
            }
            return located[0];
        };
        return new dev.sluice.backup.Backups(options.connections(), target, tools, store, fingerprinter, history.schema(),
                history.table(), java.time.Clock.systemUTC());
    }

    /**
     * The backup {@code migrate --backup} takes before anything runs: a full backup, then copies of the
     * tables the plan's migrations drop or rewrite, then retention. Nothing when the plan is empty. Any
     * failure is thrown before a statement of the plan has run.
     */
    public dev.sluice.backup.BeforeMigrateBackup backupBeforeMigrate(MigrationPlan plan, dev.sluice.backup.BackupSettings settings,
            dev.sluice.backup.PgTarget target, String reason, dev.sluice.progress.Progress progress) throws SQLException {
        if (plan.isEmpty()) {
            return dev.sluice.backup.BeforeMigrateBackup.skipped();
        }
        dev.sluice.backup.Backups backups = backups(settings, target);
        dev.sluice.backup.BackupManifest full = backups.full(reason, progress);
        Optional<dev.sluice.backup.BackupManifest> tables = Optional.empty();
        List<String> destructive = dev.sluice.backup.DestructiveChanges.tables(plan.upBodies());
        if (!destructive.isEmpty()) {
            tables = backups.tables(destructive, reason + ": pending migrations drop or rewrite data");
        }
        return new dev.sluice.backup.BeforeMigrateBackup(Optional.of(full), tables,
                backups.retain(settings.keep(), settings.maxKeepAge()));
    }

    /** Files against history, read without taking the lock. */
    public ProjectStatus status() throws SQLException {
        return status(catalog());
    }

    /**
     * The given migrations against history, read without taking the lock; with the partial catalog of
     * invalid files, for a status that shows what it can beside the file problems.
     */
    public ProjectStatus status(MigrationCatalog catalog) throws SQLException {
        try (Connection c = Connections.open(options.connections())) {
            List<AppliedMigration> rows = history.all(c);
            ForeignHistories.refuseIfManagedElsewhere(c, !rows.isEmpty(), options.schema());
            return ProjectStatus.of(catalog, rows, AdvisoryLock.isHeld(c, history.qualifiedName()));
        } catch (SQLException e) {
            throw permissionDenied(e, false);
        }
    }

    /** The history rows, oldest first. */
    public List<AppliedMigration> history() throws SQLException {
        try (Connection c = Connections.open(options.connections())) {
            return history.all(c);
        } catch (SQLException e) {
            throw permissionDenied(e, false);
        }
    }

    /** What {@code migrate} would do now; runs nothing. */
    public MigrationPlan planMigrate(Optional<Version> target) throws SQLException {
        return new MigrationPlanner(options.execution()).migrate(status(), target);
    }

    /** What {@code rollback} would do now; runs nothing. */
    public MigrationPlan planRollback(int steps, Optional<Version> to) throws SQLException {
        return new MigrationPlanner(options.execution()).rollback(status(), steps, to);
    }

    /**
     * What the lint gate decides about {@code plan} against this database, and why; empty when the gate
     * is off. Reads table sizes, changes nothing; {@code migrate --dry-run} prints it.
     */
    public Optional<GateReport> lintGate(MigrationPlan plan) throws SQLException {
        if (!options.lint().beforeMigrate()) {
            return Optional.empty();
        }
        MigrationCatalog catalog = catalog();
        try (Connection c = Connections.open(options.connections())) {
            return Optional.of(LintGate.judge(options.lint(), catalog, plan, new DatabaseTableSizes(c)));
        }
    }

    /** Applies pending migrations up to {@code target} (all when empty). */
    public MigrateResult migrate(Optional<Version> target, MigrationListener listener) throws SQLException {
        return migrate(target, true, listener);
    }

    /**
     * Applies pending versioned migrations up to {@code target}, and the new or changed repeatable ones
     * after them when {@code withRepeatables}. An online migration is started and the run stops there
     * (see {@link #migrate(Optional, boolean, boolean, BackfillSettings, MigrationListener, OnlineListener)}).
     */
    public MigrateResult migrate(Optional<Version> target, boolean withRepeatables, MigrationListener listener)
            throws SQLException {
        return migrate(target, withRepeatables, false, BackfillSettings.defaults(), listener, OnlineListener.NONE);
    }

    /**
     * Applies pending migrations in version order. At an online migration it runs its start (and backfill);
     * with {@code completeOnline} it completes it at once and goes on, otherwise the run stops there and the
     * later migrations stay pending until the change is completed. Refused while a change is in progress.
     */
    public MigrateResult migrate(Optional<Version> target, boolean withRepeatables, boolean completeOnline,
                                 BackfillSettings backfill, MigrationListener listener, OnlineListener onlineListener)
            throws SQLException {
        return migrate(target, withRepeatables, completeOnline, backfill, listener, onlineListener, BeforeRun.NOTHING);
    }

    /**
     * {@link #migrate(Optional, boolean, boolean, BackfillSettings, MigrationListener, OnlineListener)}, with
     * {@code beforeRun} given the plan under the lock once the lint gate passed, before the first statement
     * (a pre-flight, a backup); it is not called when nothing is pending.
     */
    public MigrateResult migrate(Optional<Version> target, boolean withRepeatables, boolean completeOnline,
                                 BackfillSettings backfill, MigrationListener listener, OnlineListener onlineListener,
                                 BeforeRun checks) throws SQLException {
        return migrate(target, withRepeatables, completeOnline, backfill, listener, onlineListener, checks, RewriteListener.NONE);
    }

    /**
     * {@link #migrate(Optional, boolean, boolean, BackfillSettings, MigrationListener, OnlineListener, BeforeRun)},
     * with {@code rewriteListener} told the steps and copy progress of each {@code -- sluice:rewrite} migration.
     */
    public MigrateResult migrate(Optional<Version> target, boolean withRepeatables, boolean completeOnline,
                                 BackfillSettings backfill, MigrationListener listener, OnlineListener onlineListener,
                                 BeforeRun checks, RewriteListener rewriteListener) throws SQLException {
        MigrationCatalog catalog = catalog();
        // Once per call: a run that reconnects and goes on does not back up or check a second time.
        boolean[] called = new boolean[1];
        BeforeRun beforeRun = plan -> {
            if (!called[0]) {
                called[0] = true;
                checks.accept(plan);
            }
        };
        List<Optional<Version>> versionsBefore = new ArrayList<>();
        CallbackRunner callbacks = callbacks();
        if (catalog.versioned().stream().allMatch(m -> m.type().runsInExecutor())) {
            return reconnecting("migrate", listener, versionsBefore, () -> underLock((c, lock) -> {
                createHistory(c);
                return withMigrateCallbacks(c, callbacks, () -> {
                    ProjectStatus before = ProjectStatus.of(catalog, rowsOfSluiceHistory(c));
                    versionsBefore.add(before.current());
                    MigrationPlan plan = new MigrationPlanner(options.execution()).migrate(before, target, withRepeatables);
                    return run(c, lock, catalog, before, plan, listener, beforeRun, callbacks);
                });
            }));
        }
        // The online change this call started: when the connection broke after its start committed, the
        // next attempt goes on with it instead of refusing to run while a change is in progress.
        String[] startedHere = new String[1];
        return reconnecting("migrate", listener, versionsBefore, () -> underLock((c, lock) -> {
            createHistory(c);
            return withMigrateCallbacks(c, callbacks, () -> {
            OnlineRunner online = onlineRunner(c, backfill, onlineListener);
            if (online.inProgress().filter(p -> p.version().equals(startedHere[0])).isEmpty()) {
                refuseWhileInProgress(online, "migrate");
            }
            ProjectStatus first = ProjectStatus.of(catalog, rowsOfSluiceHistory(c));
            versionsBefore.add(first.current());
            MigrationPlan firstPlan = new MigrationPlanner(options.execution()).migrate(first, target, withRepeatables);
            LintGate.check(options.lint(), catalog, firstPlan, c);
            if (!firstPlan.isEmpty()) {
                listener.planned(firstPlan);
                beforeRun.accept(firstPlan);
            }
            List<StepResult> done = new ArrayList<>();
            List<OnlineChange> changes = new ArrayList<>();
            List<RewriteResult> rewrites = new ArrayList<>();
            while (true) {
                ProjectStatus before = ProjectStatus.of(catalog, history.all(c));
                MigrationPlan plan = new MigrationPlanner(options.execution()).migrate(before, target, withRepeatables);
                int at = 0;
                while (at < plan.steps().size() && !runsOutsideExecutor(plan.steps().get(at).migration())) {
                    at++;
                }
                done.addAll(execute(c, lock, new MigrationPlan(plan.steps().subList(0, at)), listener, callbacks));
                if (at == plan.steps().size()) {
                    break;
                }
                Migration change = plan.steps().get(at).migration();
                lock.verifyHeld();
                if (change.type() == MigrationType.REWRITE) {
                    rewrites.add(rewriteMigrations(c, rewriteListener).apply(change, installedBy(c)));
                    continue;
                }
                startedHere[0] = change.requireVersion().toString();
                OnlineChange started = connectionLostAsSuch("start of " + change.label(), "migrate", done,
                        () -> online.start(change));
                if (!completeOnline) {
                    changes.add(started);
                    break;
                }
                changes.add(connectionLostAsSuch("complete of " + change.label(), "migrate", done,
                        () -> online.complete(installedBy(c))));
            }
            ProjectStatus after = ProjectStatus.of(catalog, history.all(c));
            return new MigrateResult(done, first.current(), after.current(), changes, rewrites);
            });
        }));
    }

    /** The project's SQL callbacks, placeholders replaced; a callback that cannot be read fails with its file and line. */
    private CallbackRunner callbacks() {
        return new CallbackRunner(new MigrationResolver(options.strictNames(), OnlineMigrationFile::check, placeholderReplacer())
                .callbacks(options.sources()));
    }

    @FunctionalInterface
    private interface MigrateWork {
        MigrateResult run() throws SQLException;
    }

    /**
     * {@code beforeMigrate} in its own transaction, the run, then {@code afterMigrate} (and
     * {@code afterMigrateApplied} when something was applied), or {@code afterMigrateError} when the run failed;
     * a broken connection runs no callback, since there is no session to run it on.
     */
    private MigrateResult withMigrateCallbacks(Connection c, CallbackRunner callbacks, MigrateWork work) throws SQLException {
        callbacks.runInTransaction(CallbackEvent.BEFORE_MIGRATE, c);
        MigrateResult result;
        try {
            result = work.run();
        } catch (SQLException | RuntimeException e) {
            if (!(e instanceof ConnectionLostException)) {
                callbacks.runAfterError(CallbackEvent.AFTER_MIGRATE_ERROR, c, e);
            }
            throw e;
        }
        callbacks.runInTransaction(CallbackEvent.AFTER_MIGRATE, c);
        if (!result.steps().isEmpty()) {
            callbacks.runInTransaction(CallbackEvent.AFTER_MIGRATE_APPLIED, c);
        }
        return result;
    }

    /** Rolls back the newest {@code steps} applied migrations, or all above {@code to}. */
    public MigrateResult rollback(int steps, Optional<Version> to, MigrationListener listener) throws SQLException {
        return rollback(steps, to, listener, RewriteListener.NONE);
    }

    /**
     * {@link #rollback(int, Optional, MigrationListener)}, with {@code rewriteListener} told the steps of each
     * {@code -- sluice:rewrite} migration swapped back.
     */
    public MigrateResult rollback(int steps, Optional<Version> to, MigrationListener listener, RewriteListener rewriteListener)
            throws SQLException {
        if (steps < 1 && to.isEmpty()) {
            throw new IllegalArgumentException("--steps must be at least 1");
        }
        MigrationCatalog catalog = catalog();
        List<Optional<Version>> versionsBefore = new ArrayList<>();
        // The change this call aborts: when the connection broke after the abort committed, the next
        // attempt finds no change in progress and must not go on to roll back an applied migration.
        OnlineChange[] abortedHere = new OnlineChange[1];
        return reconnecting("rollback", listener, versionsBefore, () -> underLock((c, lock) -> {
            createHistory(c);
            ProjectStatus before = ProjectStatus.of(catalog, rowsOfSluiceHistory(c));
            versionsBefore.add(before.current());
            OnlineRunner online = onlineRunner(c, BackfillSettings.defaults(), OnlineListener.NONE);
            Optional<OnlineChange> current = online.inProgress();
            if (current.isPresent()) {
                abortedHere[0] = current.get();
                OnlineChange aborted = connectionLostAsSuch("rollback of V" + current.get().version() + " in progress", "rollback",
                        List.of(), online::rollback);
                return new MigrateResult(List.of(), before.current(), before.current(), List.of(aborted));
            }
            if (abortedHere[0] != null) {
                return new MigrateResult(List.of(), before.current(), before.current(), List.of(abortedHere[0]));
            }
            MigrationPlan plan = new MigrationPlanner(options.execution()).rollback(before, steps, to);
            if (plan.steps().stream().noneMatch(s -> s.migration().type() == MigrationType.REWRITE)) {
                return run(c, lock, catalog, before, plan, listener, BeforeRun.NOTHING, CallbackRunner.NONE);
            }
            return rollbackWithRewrites(c, lock, catalog, before, plan, listener, rewriteListener);
        }));
    }

    /**
     * A rollback plan that holds {@code -- sluice:rewrite} versions: each of those swaps its kept original back
     * through the rewrite engine, the others run through the executor, newest first as planned. Every rewrite's
     * old table is checked to be kept before anything runs, so a refusal leaves everything as it was.
     */
    private MigrateResult rollbackWithRewrites(Connection c, AdvisoryLock lock, MigrationCatalog catalog, ProjectStatus before,
                                               MigrationPlan plan, MigrationListener listener, RewriteListener rewriteListener)
            throws SQLException {
        LintGate.check(options.lint(), catalog, plan, c);
        RewriteMigrations rewriteMigrations = rewriteMigrations(c, rewriteListener);
        for (var step : plan.steps()) {
            if (step.migration().type() == MigrationType.REWRITE) {
                rewriteMigrations.requireKept(step.migration());
            }
        }
        listener.planned(plan);
        List<StepResult> done = new ArrayList<>();
        List<RewriteResult> rewrites = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= plan.steps().size(); i++) {
            if (i < plan.steps().size() && !runsOutsideExecutor(plan.steps().get(i).migration())) {
                continue;
            }
            done.addAll(execute(c, lock, new MigrationPlan(plan.steps().subList(from, i)), listener, CallbackRunner.NONE));
            if (i < plan.steps().size()) {
                lock.verifyHeld();
                var step = plan.steps().get(i);
                rewrites.add(rewriteMigrations.undo(step.migration(), step.undoes().orElseThrow(), installedBy(c)));
            }
            from = i + 1;
        }
        ProjectStatus after = ProjectStatus.of(catalog, history.all(c));
        return new MigrateResult(done, before.current(), after.current(), List.of(), rewrites);
    }

    /** Online changes and rewrites run through their own engines; the executor runs everything else. */
    private static boolean runsOutsideExecutor(Migration m) {
        return !m.type().runsInExecutor();
    }

    private RewriteMigrations rewriteMigrations(Connection c, RewriteListener listener) {
        return new RewriteMigrations(c, history, rewriteRunner(c, options.rewriteCopy(), listener));
    }

    /**
     * Starts the next pending migration, which must be an online one, or goes on with the backfill of the
     * change in progress that a crash or an interruption stopped.
     */
    public OnlineChange start(BackfillSettings backfill, OnlineListener listener) throws SQLException {
        MigrationCatalog catalog = catalog();
        return reconnecting("start", online(listener), new ArrayList<>(), attempt -> underLock((c, lock) -> {
            createHistory(c);
            ForeignHistories.refuseIfManagedElsewhere(c, history.hasRows(c), options.schema());
            OnlineRunner online = onlineRunner(c, backfill, listener);
            Optional<OnlineChange> current = online.inProgress();
            if (current.isPresent()) {
                Migration m = catalog.find(Version.parse(current.get().version())).orElseThrow(() -> new OnlineException(
                        "V" + current.get().version() + " is in progress but its file " + current.get().script() + " is gone;"
                                + " put it back, or 'sluice rollback' to abort the change"));
                return online.start(m);
            }
            return online.start(nextOnline(catalog, c));
        }));
    }

    /** What {@code start} would run now; runs nothing. Also the saved plan of a change in progress. */
    public OnlinePlan planStart() throws SQLException {
        MigrationCatalog catalog = catalog();
        try (Connection c = Connections.open(options.connections())) {
            OnlineRunner online = onlineRunner(c, BackfillSettings.defaults(), OnlineListener.NONE);
            Optional<OnlinePlan> saved = online.savedPlan();
            if (saved.isPresent()) {
                return saved.get();
            }
            return online.plan(nextOnline(catalog, c));
        }
    }

    /** Completes the change in progress: after it, only the new version's shape exists. */
    public OnlineChange complete(BackfillSettings backfill, OnlineListener listener) throws SQLException {
        return reconnecting("complete", online(listener), new ArrayList<>(), attempt -> underLock((c, lock) -> {
            OnlineRunner online = onlineRunner(c, backfill, listener);
            if (attempt > 1 && online.inProgress().isEmpty() && online.lastCompleted().isPresent()) {
                // The connection broke after the contract transaction committed.
                return online.lastCompleted().get();
            }
            return online.complete(installedBy(c));
        }));
    }

    /**
     * Runs an online step of {@code migrate}; a broken connection becomes the {@link ConnectionLostException}
     * that {@link #reconnecting} waits out, with the migrations {@code done} before it.
     */
    private OnlineChange connectionLostAsSuch(String what, String command, List<StepResult> done, OnlineCall call) throws SQLException {
        try {
            return call.run();
        } catch (SQLException | RuntimeException e) {
            Optional<ConnectionLostException> lost = connectionLost(what, command, done, e);
            if (lost.isEmpty()) {
                throw e;
            }
            throw lost.get();
        }
    }

    /**
     * {@code e} as a lost connection during {@code what}, when one of its causes says the session is gone;
     * empty for any other failure, and for a lost migration lock, which is not waited out.
     */
    private static Optional<ConnectionLostException> connectionLost(String what, String command, List<StepResult> done, Throwable e) {
        if (e instanceof ConnectionLostException c) {
            return Optional.of(c);
        }
        Optional<SQLException> lost = SqlStates.sessionLostIn(e);
        if (lost.isEmpty() || e instanceof LockLostException || e instanceof DatabaseUnavailableException d && d.authentication()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionLostException("the connection to the database broke during " + what + ": "
                + lost.get().getMessage().lines().findFirst().orElse("").trim()
                + "\n  what committed is kept (an online change's start, and its backfill up to its high-water mark); run 'sluice "
                + command + "' again once the server is back (--reconnect-wait waits for it)", done, e));
    }

    @FunctionalInterface
    private interface OnlineCall {
        OnlineChange run() throws SQLException;
    }

    /** What an online command tells its listener when it waits for the server to come back. */
    private static BiConsumer<String, Duration> online(OnlineListener listener) {
        return (reason, wait) -> listener.notice(reason + "; waiting up to " + DurationText.format(wait)
                + " for the server to come back, then going on from what committed");
    }

    /** Aborts the change in progress; the schema is again exactly what it was before its start. */
    public OnlineChange abortOnline(OnlineListener listener) throws SQLException {
        return underLock((c, lock) -> onlineRunner(c, BackfillSettings.defaults(), listener).rollback());
    }

    /** The online change in progress, with its schemas and backfill progress. */
    public Optional<OnlineChange> onlineInProgress() throws SQLException {
        try (Connection c = Connections.open(options.connections())) {
            return onlineRunner(c, BackfillSettings.defaults(), OnlineListener.NONE).inProgress();
        }
    }

    /**
     * Rewrites {@code table} through a shadow table with {@code alter} (ALTER TABLE clauses, or
     * {@code PARTITION BY RANGE (col) EVERY step}) applied: shadow, change capture, batched copy, replay,
     * and a swap under a short ACCESS EXCLUSIVE. Resumes a rewrite of the table that was interrupted before
     * its swap. The old table is kept until {@link #cleanupRewrite}; {@link #rollbackRewrite} swaps it back.
     */
    public RewriteResult rewrite(String table, String alter, BackfillSettings copy, RewriteListener listener) throws SQLException {
        return underLock((c, lock) -> rewriteRunner(c, copy, listener).rewrite(table, alter));
    }

    /** What {@link #rewrite} would do to {@code table}, checked against the database; changes nothing. */
    public List<String> planRewrite(String table, String alter) throws SQLException {
        try (Connection c = Connections.open(options.connections())) {
            return rewriteRunner(c, RewriteDefaults.copy(), RewriteListener.NONE).plan(table, alter);
        }
    }

    /** Stops a rewrite that has not swapped: shadow, log and triggers are dropped, the table is as it was. */
    public RewriteResult abortRewrite(String table, RewriteListener listener) throws SQLException {
        return underLock((c, lock) -> rewriteRunner(c, RewriteDefaults.copy(), listener).abort(table));
    }

    /**
     * After the swap, swaps the kept original back with the writes made since; before it, aborts. Refused for
     * a table swapped by an applied {@code -- sluice:rewrite} migration: {@link #rollback} undoes that one.
     */
    public RewriteResult rollbackRewrite(String table, RewriteListener listener) throws SQLException {
        return underLock((c, lock) -> {
            RewriteRunner runner = rewriteRunner(c, RewriteDefaults.copy(), listener);
            new RewriteMigrations(c, history, runner).refuseDirectRollback(table, appliedRewriteMigrations(c));
            return runner.rollback(table);
        });
    }

    /** The applied {@code -- sluice:rewrite} migrations, from the files that could be read. */
    private List<Migration> appliedRewriteMigrations(Connection c) throws SQLException {
        if (!history.exists(c)) {
            return List.of();
        }
        return ProjectStatus.of(validateFiles().catalog(), history.all(c)).entries().stream()
                .filter(e -> e.type() == MigrationType.REWRITE && e.state() == VersionState.APPLIED)
                .flatMap(e -> e.migration().stream()).toList();
    }

    /** Ends a swapped rewrite: drops the kept original, the logs and the capture trigger. */
    public RewriteResult cleanupRewrite(String table, RewriteListener listener) throws SQLException {
        return underLock((c, lock) -> rewriteRunner(c, RewriteDefaults.copy(), listener).cleanup(table));
    }

    /** Rewrites started and not yet cleaned up, aborted or rolled back. */
    public List<RewriteResult> rewritesInProgress() throws SQLException {
        try (Connection c = Connections.open(options.connections())) {
            return rewriteRunner(c, RewriteDefaults.copy(), RewriteListener.NONE).inProgress();
        }
    }

    private RewriteRunner rewriteRunner(Connection c, BackfillSettings copy, RewriteListener listener) {
        return new RewriteRunner(c, options.schema(), copy.withLockTimeout(options.execution().lockTimeout()),
                options.execution().retryDeadline(), listener);
    }

    private OnlineRunner onlineRunner(Connection c, BackfillSettings backfill, OnlineListener listener) {
        return new OnlineRunner(c, history, options.schema(), options.execution(), backfill, listener);
    }

    private static void refuseWhileInProgress(OnlineRunner online, String verb) throws SQLException {
        Optional<OnlineChange> current = online.inProgress();
        if (current.isPresent()) {
            throw new OnlineException(verb + " refused: the online change V" + current.get().version() + " ("
                    + current.get().script() + ") is in progress; 'sluice complete' finishes it, 'sluice rollback' aborts it");
        }
    }

    private Migration nextOnline(MigrationCatalog catalog, Connection c) throws SQLException {
        ProjectStatus status = ProjectStatus.of(catalog, history.exists(c) ? history.all(c) : List.of());
        MigrationPlan plan = new MigrationPlanner(options.execution()).migrate(status, Optional.empty(), false);
        if (plan.isEmpty()) {
            throw new OnlineException("nothing to start: no migration is pending");
        }
        Migration next = plan.steps().get(0).migration();
        if (next.type() != MigrationType.ONLINE) {
            throw new OnlineException("the next pending migration, " + next.label() + " (" + next.script()
                    + "), is not an online one; 'sluice migrate' runs it and starts the online change after it");
        }
        return next;
    }

    private MigrateResult run(Connection c, AdvisoryLock lock, MigrationCatalog catalog, ProjectStatus before,
                              MigrationPlan plan, MigrationListener listener, BeforeRun beforeRun, CallbackRunner callbacks)
            throws SQLException {
        LintGate.check(options.lint(), catalog, plan, c);
        if (plan.isEmpty()) {
            // Nothing to run: no monitor session, no executor, and the history just read is still current.
            return new MigrateResult(List.of(), before.current(), before.current());
        }
        listener.planned(plan);
        beforeRun.accept(plan);
        List<StepResult> done = execute(c, lock, plan, listener, callbacks);
        ProjectStatus after = ProjectStatus.of(catalog, history.all(c));
        return new MigrateResult(done, before.current(), after.current());
    }

    private List<StepResult> execute(Connection c, AdvisoryLock lock, MigrationPlan plan, MigrationListener listener,
                                     CallbackRunner callbacks) throws SQLException {
        if (plan.isEmpty()) {
            return List.of();
        }
        try (Connection monitor = Connections.open(options.connections())) {
            monitor.setAutoCommit(true);
            SessionKeepAlive.disableIdleTimeout(monitor);
            return new PlanExecutor(c, monitor, history, installedBy(c), options.execution(), listener,
                    LockCheck.of(lock::verifyHeld, lock.heldCondition()))
                    .withCallbacks(callbacks)
                    .execute(plan);
        }
    }

    /**
     * {@link #reconnecting(String, BiConsumer, List, Attempt)} for a run of migrations, whose result lists the
     * migrations that committed before an outage too.
     *
     * @param versionsBefore where each attempt notes the current version it started from; the result reports
     *                       the first
     */
    private MigrateResult reconnecting(String command, MigrationListener listener, List<Optional<Version>> versionsBefore,
                                       LockedRun work) throws SQLException {
        List<StepResult> earlier = new ArrayList<>();
        MigrateResult result = reconnecting(command, listener::reconnecting, earlier, attempt -> work.run());
        if (earlier.isEmpty()) {
            return result;
        }
        List<StepResult> all = new ArrayList<>(earlier);
        all.addAll(result.steps());
        return new MigrateResult(all, versionsBefore.get(0), result.after(), result.online(), result.rewrites());
    }

    /**
     * Runs {@code work} and, when the server goes away during it (a restart, a failover, a session ended by an
     * administrator) or before it could start, and a reconnect wait is set, waits for the server to come back
     * and runs it again. Running again is safe because each attempt starts from scratch under a new lock and
     * goes on from what committed: the history, read afresh, says which migrations did; an interrupted
     * statement-by-statement migration resumes after its last counted statement; an online change's state and
     * its backfill's high-water mark live in the database, each batch moving the mark in its own transaction.
     * Each outage gets the whole wait; a login refused and a lost migration lock are never waited out. Without
     * a wait it throws the outage; when the server stays away, a {@link ConnectionLostException} that says so.
     *
     * @param command   the verb, named in what the user is told to run again
     * @param announce  told each outage that is waited out: its reason and the wait
     * @param completed collects the migrations that committed before each outage
     * @param work      given the attempt's number, from 1
     */
    private <T> T reconnecting(String command, BiConsumer<String, Duration> announce, List<StepResult> completed, Attempt<T> work)
            throws SQLException {
        Duration wait = options.execution().reconnectWait();
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run(attempt);
            } catch (SQLException | RuntimeException e) {
                Optional<RuntimeException> outage = outage(command, e);
                if (outage.isEmpty()) {
                    throw e;
                }
                if (outage.get() instanceof ConnectionLostException lost) {
                    completed.addAll(lost.completed());
                }
                if (wait.isZero()) {
                    throw outage.get();
                }
                String reason = outage.get().getMessage().lines().findFirst().orElse("");
                announce.accept(reason, wait);
                if (!serverBack(Deadline.after(wait))) {
                    throw new ConnectionLostException(reason + "\n  the server did not come back within " + DurationText.format(wait)
                            + "; what committed is kept, and 'sluice " + command + "' goes on from there", completed, e);
                }
            }
        }
    }

    /**
     * {@code e} as an outage that a reconnect wait rides out: a lost connection, or a server that refused the
     * connection for another reason than the login; empty for any other failure.
     */
    private static Optional<RuntimeException> outage(String command, Throwable e) {
        if (e instanceof DatabaseUnavailableException d) {
            return d.authentication() ? Optional.empty() : Optional.of(d);
        }
        return connectionLost(command, command, List.of(), e).map(RuntimeException.class::cast);
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt) throws SQLException;
    }

    /** Polls until a connection succeeds; false when the deadline passed first. */
    private boolean serverBack(Deadline deadline) {
        while (!deadline.expired()) {
            try (Connection probe = Connections.open(options.connections())) {
                return true;
            } catch (DatabaseUnavailableException | SQLException unavailable) {
                try {
                    Thread.sleep(Math.min(500, Math.max(1, deadline.remaining().toMillis())));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface LockedRun {
        MigrateResult run() throws SQLException;
    }

    /**
     * Creates or upgrades the history table, unless another tool manages this database and Sluice has no
     * history here ({@link ForeignHistories}): then nothing is written. A current table costs one query.
     */
    private void createHistory(Connection c) throws SQLException {
        if (!history.isCurrent(c)) {
            ForeignHistories.refuseIfManagedElsewhere(c, history.hasRows(c), options.schema());
            history.create(c);
        }
    }

    /** The history rows, after the guard of {@link ForeignHistories}, which costs nothing while they are there. */
    private List<AppliedMigration> rowsOfSluiceHistory(Connection c) throws SQLException {
        List<AppliedMigration> rows = history.all(c);
        ForeignHistories.refuseIfManagedElsewhere(c, !rows.isEmpty(), options.schema());
        return rows;
    }

    /**
     * Takes over the history of another migration tool ({@code sluice adopt --from flyway}): reads its history
     * table, checks every checksum it stored against the files in place, and records what it applied in
     * Sluice's history as APPLIED, with Sluice's checksums, without running anything. Afterwards status,
     * validate, migrate and rollback work on the same files. Under the migration lock; all rows in one
     * transaction.
     *
     * @param dryRun only say what would be recorded
     * @throws dev.sluice.adopt.AdoptionRefusedException naming every file that differs from what the tool applied,
     *                                                   every applied migration whose file is gone, every failed
     *                                                   row; or when Sluice already has a history here
     */
    public AdoptResult adopt(AdoptSource from, boolean dryRun) throws SQLException {
        return adopt(AdoptRequest.from(from, dryRun));
    }

    /**
     * {@link #adopt(AdoptSource, boolean)} as requested: the tool detected when not named (from the history tables
     * present and the files' layout; ambiguity is refused, naming the candidates), and for numbered SQL files the
     * tracking table or, without one, the version to baseline at.
     */
    public AdoptResult adopt(AdoptRequest request) throws SQLException {
        MigrationCatalog catalog = catalog();
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        for (dev.sluice.migration.MigrationSource source : options.sources()) {
            source.scripts().forEach(script -> texts.putIfAbsent(script.path(), script.text()));
        }
        return underLock((c, lock) -> new Adopter(history).adopt(c, request, catalog, texts, List.copyOf(options.sources())));
    }

    /**
     * Marks an existing database as being at {@code version}: migrations up to it are taken as present.
     * Refused when the history already has rows, since a baseline under applied migrations would hide them.
     */
    public void baseline(Version version, String description) throws SQLException {
        underLock((c, lock) -> {
            history.create(c);
            List<AppliedMigration> rows = history.all(c);
            if (rows.stream().anyMatch(r -> r.state() == MigrationState.APPLIED)) {
                throw new IllegalStateException("baseline refused: " + history.qualifiedName()
                        + " already records applied migrations; a baseline is only for a database Sluice has not migrated yet");
            }
            history.insert(c, new HistoryRow(Optional.of(version), description, MigrationType.BASELINE,
                    "<< baseline >>", Optional.empty(), installedBy(c), MigrationState.APPLIED, Optional.of(0L), Optional.empty()));
            return null;
        });
    }

    /**
     * Clears what a person has checked: removes FAILED and interrupted RUNNING rows, so the migration
     * counts as pending again, and records the current checksum of applied files whose checksum changed.
     */
    public RepairResult repair() throws SQLException {
        MigrationCatalog catalog = catalog();
        return underLock((c, lock) -> {
            List<String> changes = new ArrayList<>();
            if (!history.exists(c)) {
                return new RepairResult(changes);
            }
            List<AppliedMigration> rows = history.all(c);
            for (AppliedMigration row : rows) {
                if (row.state() == MigrationState.FAILED || row.state() == MigrationState.RUNNING) {
                    history.delete(c, row.rank());
                    changes.add("removed " + row.state() + " row " + row.rank() + " of " + label(row) + " (" + row.script() + ")");
                }
            }
            ProjectStatus status = ProjectStatus.of(catalog, history.all(c));
            for (MigrationStatus e : status.entries()) {
                if (e.state() == VersionState.APPLIED && e.checksumChanged()) {
                    AppliedMigration row = e.lastRow().orElseThrow();
                    String now = e.migration().orElseThrow().checksum().orElseThrow();
                    history.setChecksum(c, row.rank(), now);
                    changes.add("realigned checksum of " + label(row) + " (" + row.script() + ") to the file's current one");
                }
            }
            return new RepairResult(changes);
        });
    }

    /** The snapshot options for this project: its history table left out, privileges as asked. */
    public SnapshotOptions snapshotOptions(boolean privileges) {
        return SnapshotOptions.defaults().withHistoryTable(options.schema(), options.historyTable()).withPrivileges(privileges);
    }

    /** The target database's schema now, without owners and grants. */
    public SchemaSnapshot snapshot() throws SQLException {
        return snapshot(snapshotOptions(false));
    }

    public SchemaSnapshot snapshot(SnapshotOptions snapshotOptions) throws SQLException {
        return snapshotOf(options.connections(), snapshotOptions);
    }

    /**
     * The schema of any database, e.g. one side of a {@code diff}; read in one repeatable-read, read-only
     * transaction, so it is consistent while others change it.
     */
    public static SchemaSnapshot snapshotOf(ConnectionFactory database, SnapshotOptions snapshotOptions) throws SQLException {
        try (Connection c = Connections.open(database)) {
            return new SchemaReader(snapshotOptions).read(c);
        }
    }

    /**
     * Compares the live schema with the fingerprint stored in the history row of the newest applied
     * migration. Cheap, and says only whether the schema differs, not how.
     */
    public DriftReport driftAgainstHistory() throws SQLException {
        ProjectStatus status = status();
        Optional<AppliedMigration> last = history().stream()
                .filter(r -> r.state() == MigrationState.APPLIED || r.state() == MigrationState.ROLLED_BACK)
                .filter(r -> r.fingerprint().isPresent())
                .max(Comparator.comparingInt(AppliedMigration::rank));
        String live = snapshot().fingerprint();
        return new DriftReport(DriftReport.Mode.HISTORY, status.current(), last.flatMap(AppliedMigration::fingerprint),
                live, Optional.empty(), serverMajor(), 0, List.of());
    }

    /**
     * Rebuilds the schema the applied migrations produce on a throwaway PostgreSQL of the target's major
     * (the bundled one when that major cannot be had, with view definitions normalised as
     * {@link ViewDefinitions} explains), and compares it with the live schema.
     *
     * <p>Migrations that need roles, extensions or data the scratch server lacks fail here as they would
     * on a fresh database.
     */
    public DriftReport driftAgainstRebuild(boolean privileges, boolean ignoreColumnOrder) throws SQLException {
        try (ScratchDatabases scratch = scratchDatabases(ScratchSettings.ofTargetMajor())) {
            return driftAgainstRebuild(privileges, ignoreColumnOrder, scratch.newDatabase("rebuild").connections());
        }
    }

    /**
     * The scratch server {@code settings} ask for, a throwaway one of this target's major by default
     * ({@link ScratchDatabases#start}). Hazard: close it (try-with-resources), or a throwaway cluster keeps
     * running until the JVM ends.
     */
    public ScratchDatabases scratchDatabases(ScratchSettings settings) throws SQLException {
        return ScratchDatabases.start(settings, this::serverMajor);
    }

    /**
     * Rehearses every migration in {@code scratch}, an empty database that may be changed at will: up, down
     * and up again, with the proof that each down restores the schema and the rows ({@link Rehearsal}).
     *
     * @param seedFolder          where {@code seed.sql} and {@code S<version>__*.sql} files are, if anywhere
     * @param irreversibleIsError whether a migration without a down fails the rehearsal
     */
    public RehearsalReport rehearse(ConnectionFactory scratch, Optional<Path> seedFolder, boolean irreversibleIsError,
                                    Progress progress) throws SQLException {
        Sluice onScratch = new Sluice(options.onScratch(scratch));
        RehearsalTarget target = new RehearsalTarget() {
            @Override
            public MigrationCatalog catalog() {
                return onScratch.catalog();
            }

            @Override
            public void migrate(Optional<Version> to, boolean withRepeatables) throws SQLException {
                onScratch.migrate(to, withRepeatables, MigrationListener.NONE);
            }

            @Override
            public void rollbackOne() throws SQLException {
                onScratch.rollback(1, Optional.empty(), MigrationListener.NONE);
            }

            @Override
            public void startOnline() throws SQLException {
                onScratch.start(REHEARSAL_BACKFILL, OnlineListener.NONE);
            }

            @Override
            public void rollbackOnline() throws SQLException {
                onScratch.abortOnline(OnlineListener.NONE);
            }

            @Override
            public void completeOnline() throws SQLException {
                onScratch.complete(REHEARSAL_BACKFILL, OnlineListener.NONE);
            }

            @Override
            public SchemaSnapshot plainOutcome(Migration online) throws SQLException {
                return onScratch.plainOutcome(online);
            }

            @Override
            public SchemaSnapshot snapshot() throws SQLException {
                return onScratch.snapshot();
            }
        };
        return new Rehearsal(target, scratch, options.schema(), options.historyTable(), seedFolder, irreversibleIsError)
                .run(progress);
    }

    /** A scratch database's backfill is small and nobody else's: no throttling. */
    private static final BackfillSettings REHEARSAL_BACKFILL = BackfillSettings.defaults()
            .withMaxReplicationLag(java.util.OptionalLong.empty()).withMaxLockWaits(java.util.OptionalInt.empty());

    /**
     * The schema that the plain migration an online one stands for ({@link PlainMigration}) gives from this
     * database's schema, read inside the transaction that ran it, which is then rolled back.
     */
    private SchemaSnapshot plainOutcome(Migration online) throws SQLException {
        OnlineMigrationBody body = (OnlineMigrationBody) online.up();
        List<String> statements = PlainMigration.statements(OnlineMigrationFile.parse(body.name(), body.text()));
        try (Connection c = Connections.open(options.connections())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                return new SchemaReader(snapshotOptions(false)).read(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The CI gate ({@link VerifyGate}): the migration files, the lint, the checksums against this target when
     * {@code request.checkTarget()}, a rehearsal with lock tracing on a scratch database, and the schema-file
     * check. Changes nothing on the target; reads its history only for the checksums.
     */
    public VerifyReport verify(VerifyRequest request) throws SQLException, IOException {
        Sluice sluice = this;
        return new VerifyGate(new VerifyGate.Project() {
            @Override
            public MigrationCatalog catalog() {
                return sluice.catalog();
            }

            @Override
            public dev.sluice.lint.LintSettings lintSettings() {
                return options.lint();
            }

            @Override
            public ProjectStatus status() throws SQLException {
                return sluice.status();
            }

            @Override
            public String describeTarget() {
                return options.connections().describe();
            }

            @Override
            public ScratchDatabases scratchDatabases(ScratchSettings settings) throws SQLException {
                return sluice.scratchDatabases(settings);
            }

            @Override
            public RehearsalReport rehearse(ConnectionFactory scratch, Optional<Path> seedFolder, boolean irreversibleIsError,
                                            Progress progress) throws SQLException {
                return sluice.rehearse(scratch, seedFolder, irreversibleIsError, progress);
            }

            @Override
            public VerifyGate.Traced trace(MigrationCatalog catalog, ConnectionFactory scratch, Progress progress) throws SQLException {
                TraceReport report = sluice.trace(catalog, scratch, progress);
                return new VerifyGate.Traced(report.migrations(), report.untraced());
            }

            @Override
            public SnapshotOptions snapshotOptions() {
                return sluice.snapshotOptions(false);
            }
        }, request).run();
    }

    /**
     * Rebuilds the schema the applied migrations produce in {@code scratchDatabase}, an empty database
     * the caller provides (and drops afterwards), with the migrations up to the live database's current
     * version, and compares it with the live schema. When the scratch server's major differs from the
     * target's, view definitions are compared after both are parsed and deparsed by the scratch server
     * ({@link ViewDefinitions}), and the report says so.
     */
    public DriftReport driftAgainstRebuild(boolean privileges, boolean ignoreColumnOrder, ConnectionFactory scratchDatabase)
            throws SQLException {
        ProjectStatus status = status();
        int targetMajor = serverMajor();
        SchemaSnapshot live = snapshot(snapshotOptions(privileges));
        Sluice rebuild = new Sluice(options.onScratch(scratchDatabase));
        if (status.current().isPresent()) {
            rebuild.migrate(status.current(), true, true, BackfillSettings.defaults(), MigrationListener.NONE, OnlineListener.NONE);
            // A '-- sluice:rewrite' migration keeps its old table until cleanup: the rebuild keeps it only
            // where the target still does, so a cleaned-up rewrite is not reported as drift.
            List<String> keptHere = rewritesInProgress().stream().map(RewriteResult::table).toList();
            for (RewriteResult r : rebuild.rewritesInProgress()) {
                if (r.phase() == dev.sluice.rewrite.RewritePhase.SWAPPED && !keptHere.contains(r.table())) {
                    rebuild.cleanupRewrite(r.table(), RewriteListener.NONE);
                }
            }
        }
        SchemaSnapshot expected = rebuild.snapshot(snapshotOptions(privileges));
        int scratchMajor = rebuild.serverMajor();
        SchemaSnapshot compared = live;
        List<String> normalised = List.of();
        if (scratchMajor != targetMajor) {
            try (Connection c = Connections.open(scratchDatabase)) {
                ViewDefinitions.Result r = ViewDefinitions.normalise(expected, live, c);
                compared = r.live();
                normalised = r.normalised();
            }
        }
        SchemaDiff diff = SchemaDiff.between(expected, compared, ignoreColumnOrder);
        return new DriftReport(DriftReport.Mode.REBUILD, status.current(), Optional.of(expected.fingerprint()),
                live.fingerprint(), Optional.of(diff), targetMajor, scratchMajor, normalised);
    }

    /**
     * Runs every migration of the project (versioned ups in order, then the repeatable ones) on
     * {@code scratchDatabase}, an empty database the caller provides and drops afterwards, with the executor
     * that {@code migrate} uses, and reports per statement the locks it took, what they block, what it
     * rewrote, created and dropped. The target database is not touched. Reports each migration to
     * {@code progress}.
     *
     * <p>Hazard: everything is committed on {@code scratchDatabase}.
     *
     * @throws dev.sluice.trace.TraceFailedException when a migration fails there (the message names its file
     *                                               and the server's error)
     */
    public TraceReport trace(ConnectionFactory scratchDatabase, Progress progress) throws SQLException {
        return trace(catalog(), scratchDatabase, progress);
    }

    /**
     * {@link #trace(ConnectionFactory, Progress)} of migrations the caller already resolved with {@link #catalog()}.
     * An online change or a rewrite among them is run on the scratch database as {@code migrate --complete}
     * would, untraced ({@link TraceReport#untraced()}), so that the migrations after it are traced on the
     * schema it leaves.
     */
    public TraceReport trace(MigrationCatalog catalog, ConnectionFactory scratchDatabase, Progress progress) throws SQLException {
        Sluice onScratch = new Sluice(options.onScratch(scratchDatabase));
        try (Connection c = Connections.open(scratchDatabase)) {
            ProjectTracer.Traced traced = ProjectTracer.trace(catalog, c, history, options.execution(), progress,
                    m -> onScratch.migrate(Optional.of(m.requireVersion()), false, true, REHEARSAL_BACKFILL, MigrationListener.NONE,
                            OnlineListener.NONE));
            return new TraceReport(traced.traces(), traced.untraced().stream().map(Migration::script).toList());
        }
    }

    /**
     * The pre-migration checklist ({@code sluice doctor}, {@code migrate --preflight}): every check of
     * {@link Doctor#checks()} against this database and these migrations, in order. Changes nothing; a
     * database that does not answer is a failed check, not an exception.
     *
     * @param request what the checks need beyond these options: where backups go, whether the target is
     *                the embedded development database, whether a backup comes with the migrate
     */
    public DoctorReport doctor(DoctorRequest request) {
        return doctor(request, Optional.empty());
    }

    /**
     * The checklist for a run whose plan is known: the pre-flight of {@code migrate}, given the plan the run
     * read under the lock ({@link BeforeRun}), so the checks judge exactly what will run and nothing is
     * planned a second time.
     */
    public DoctorReport doctor(DoctorRequest request, MigrationPlan plan) {
        return doctor(request, Optional.of(plan));
    }

    private DoctorReport doctor(DoctorRequest request, Optional<MigrationPlan> known) {
        Sluice self = this;
        ProjectState project = new ProjectState() {
            @Override
            public MigrationCatalog catalog() {
                return self.catalog();
            }

            @Override
            public ProjectStatus status() throws SQLException {
                return self.status();
            }

            @Override
            public MigrationPlan planMigrate(Optional<Version> target) throws SQLException {
                return known.isPresent() ? known.get() : self.planMigrate(target);
            }
        };
        return Doctor.run(new DoctorContext(options.connections(), options.lint(), project, request));
    }

    /**
     * A monitor of this database for a dashboard, a health probe or metrics ({@code sluice serve}, the Spring
     * Boot starter): {@link dev.sluice.monitor.SluiceMonitor#refresh()} reads a
     * {@link dev.sluice.monitor.MonitorSnapshot} with a few catalog queries that never wait on a migration,
     * {@link dev.sluice.monitor.HealthReport#of} judges it, {@link dev.sluice.monitor.SluiceMetrics} binds it
     * to Micrometer. Keep one monitor per database for the life of the process: it keeps the last drift check
     * and the backfill rate between refreshes. It resolves the migration files at every refresh, so edits show.
     *
     * @param backups where full backups are kept ({@link dev.sluice.backup.BackupSettings#dir()}), for the newest
     *                backup and its age
     */
    public dev.sluice.monitor.SluiceMonitor monitor(dev.sluice.monitor.MonitorSettings settings, dev.sluice.backup.BackupSettings backups) {
        return monitor(settings, Optional.of(backups.dir()));
    }

    /**
     * {@link #monitor(dev.sluice.monitor.MonitorSettings, dev.sluice.backup.BackupSettings)} with the backup folder
     * given as a path, or empty where backups are not in use (the snapshot then shows none).
     */
    public dev.sluice.monitor.SluiceMonitor monitor(dev.sluice.monitor.MonitorSettings settings, Optional<Path> backupDir) {
        Sluice self = this;
        return new dev.sluice.monitor.SluiceMonitor(new dev.sluice.monitor.MonitorTarget() {
            @Override
            public String database() {
                return options.connections().describe();
            }

            @Override
            public ConnectionFactory connections() {
                return options.connections();
            }

            @Override
            public String schema() {
                return options.schema();
            }

            @Override
            public String historyTable() {
                return options.historyTable();
            }

            @Override
            public MigrationValidation files() {
                return self.validateFiles();
            }

            @Override
            public LintSettings lint() {
                return options.lint();
            }

            @Override
            public Optional<Path> backupDir() {
                return backupDir;
            }

            @Override
            public dev.sluice.monitor.DriftStatus checkDrift(dev.sluice.monitor.MonitorSettings.DriftMode mode) throws Exception {
                DriftReport report = mode == dev.sluice.monitor.MonitorSettings.DriftMode.REBUILD
                        ? self.driftAgainstRebuild(false, false) : self.driftAgainstHistory();
                return report.asStatus(java.time.Instant.now());
            }
        }, settings, java.time.Clock.systemUTC());
    }

    /** The major version of the target server ({@code server_version_num} / 10000). */
    public int serverMajor() throws SQLException {
        try (Connection c = Connections.open(options.connections())) {
            return Connections.serverMajor(c);
        }
    }

    /**
     * {@code clean}: drops every object of the project's schema (tables, views, sequences, functions, types,
     * extensions installed there) and the schemas of online changes, Sluice's history included, in one
     * transaction under the migration lock. For development databases only: {@code policy} refuses any target
     * but the embedded database unless {@code clean.enabled}, and every target under a production profile.
     *
     * @param embeddedTarget whether the target is the project's embedded database
     * @param dryRun         list the statements and run none
     * @throws dev.sluice.clean.CleanRefusedException before connecting, when the policy refuses
     */
    public dev.sluice.clean.CleanResult clean(dev.sluice.clean.CleanPolicy policy, boolean embeddedTarget, boolean dryRun)
            throws SQLException {
        policy.check(embeddedTarget, embeddedTarget ? "the embedded database" : options.connections().describe());
        try (AdvisoryLock lock = AdvisoryLock.acquire(options.connections(), history.qualifiedName(), options.execution().lockWait());
             Connection c = Connections.open(options.connections())) {
            List<String> statements = dev.sluice.clean.internal.SchemaCleaner.plan(c, options.schema());
            if (!dryRun) {
                dev.sluice.clean.internal.SchemaCleaner.run(c, statements);
            }
            return new dev.sluice.clean.CleanResult(options.schema(), statements, dryRun);
        }
    }

    /**
     * The files, then the files against the history (read without the lock): every problem of both, so a
     * user fixes them in one go. Changes nothing.
     */
    public ValidateResult validate() throws SQLException {
        MigrationValidation files = validateFiles();
        ProjectStatus status = status(files.catalog());
        return new ValidateResult(files.catalog(), status, files.problems(), historyProblems(status, files));
    }

    /**
     * The history problems worth showing beside the file problems: an applied migration whose file is
     * there but cannot be resolved is not "gone", so that complaint is left to the file problem.
     */
    private List<StateProblem> historyProblems(ProjectStatus status, MigrationValidation files) {
        return status.problems().stream()
                .filter(p -> !options.execution().ignoreMigrationPatterns().ignores(p.kind()))
                .filter(p -> !(p.kind() == StateProblem.Kind.MISSING_LOCALLY
                        && files.problems().stream().anyMatch(f -> p.subject().endsWith("(" + f.file() + ")"))))
                .toList();
    }

    private static String label(AppliedMigration row) {
        return row.version().map(v -> "V" + v).orElse("R") + " " + row.description();
    }

    private String installedBy(Connection c) throws SQLException {
        if (!options.execution().installedBy().isBlank()) {
            return options.execution().installedBy();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private <T> T underLock(LockedWork<T> work) throws SQLException {
        try (AdvisoryLock lock = AdvisoryLock.acquire(options.connections(), history.qualifiedName(),
                options.execution().lockWait());
             Connection c = Connections.open(options.connections())) {
            c.setAutoCommit(true);
            Privileges.requireHistoryAccess(c, options.schema(), options.historyTable(), true);
            return work.run(c, lock);
        } catch (SQLException e) {
            throw permissionDenied(e, true);
        }
    }

    /**
     * A "permission denied" outside any migration (those are reported as failed migrations) explained with
     * the user, the privilege and the object; any other failure as it was.
     */
    private SQLException permissionDenied(SQLException e, boolean write) {
        if (SqlStates.isPermissionDenied(e)) {
            throw Privileges.explain(options.connections(), e, options.schema(), options.historyTable(), write);
        }
        return e;
    }

    @FunctionalInterface
    private interface LockedWork<T> {
        T run(Connection c, AdvisoryLock lock) throws SQLException;
    }
}
