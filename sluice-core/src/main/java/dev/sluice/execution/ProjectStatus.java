package dev.sluice.execution;

import dev.sluice.execution.internal.Resumption;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.Checksum;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The project's migrations set against the database's history: what is applied, pending, failed or
 * interrupted, and what does not add up. It reads nothing itself, so every rule here is testable without
 * a database.
 *
 * <p>Rules: the newest history row of a version decides its state; a rolled-back version is pending
 * again; versions at or below the baseline count as present; a failed transactional migration left
 * nothing behind and is simply run again, while a failed non-transactional one blocks until
 * {@code repair}, since part of it may have run.
 */
public record ProjectStatus(List<MigrationStatus> entries, Optional<Version> current, Optional<Version> baseline,
                            List<StateProblem> problems) {

    public ProjectStatus {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** The status read under the migration lock, where no other runner can be at work. */
    public static ProjectStatus of(MigrationCatalog catalog, List<AppliedMigration> history) {
        return of(catalog, history, false);
    }

    /**
     * @param runnerActive whether another runner holds the migration lock right now; its RUNNING row is
     *                     then work in progress, not the trace of a crash
     */
    public static ProjectStatus of(MigrationCatalog catalog, List<AppliedMigration> history, boolean runnerActive) {
        Optional<Version> baseline = history.stream()
                .filter(r -> r.type() == MigrationType.BASELINE && r.state() == MigrationState.APPLIED)
                .map(r -> r.version().orElseThrow())
                .max(Comparator.naturalOrder());
        Map<Version, AppliedMigration> latest = new TreeMap<>();
        Map<String, AppliedMigration> latestRepeatable = new HashMap<>();
        for (AppliedMigration row : history) {
            if (row.type() == MigrationType.REPEATABLE) {
                latestRepeatable.put(row.description(), row);
            } else if (row.isVersioned()) {
                latest.put(row.version().orElseThrow(), row);
            }
        }

        List<MigrationStatus> entries = new ArrayList<>();
        for (Migration m : catalog.versioned()) {
            Version v = m.requireVersion();
            Optional<AppliedMigration> row = Optional.ofNullable(latest.remove(v));
            VersionState state;
            if (baseline.isPresent() && v.compareTo(baseline.get()) <= 0) {
                state = VersionState.BELOW_BASELINE;
            } else {
                state = row.map(r -> stateOf(r.state())).orElse(VersionState.PENDING);
            }
            entries.add(new MigrationStatus(m.version(), m.description(), m.type(), state, Optional.of(m), row));
        }
        for (AppliedMigration row : latest.values()) {
            if (row.type() == MigrationType.BASELINE) {
                entries.add(new MigrationStatus(row.version(), row.description(), row.type(), VersionState.APPLIED,
                        Optional.empty(), Optional.of(row)));
            } else if (row.state() == MigrationState.APPLIED) {
                entries.add(new MigrationStatus(row.version(), row.description(), row.type(), VersionState.MISSING_LOCALLY,
                        Optional.empty(), Optional.of(row)));
            } else if (row.state() != MigrationState.ROLLED_BACK) {
                entries.add(new MigrationStatus(row.version(), row.description(), row.type(), stateOf(row.state()),
                        Optional.empty(), Optional.of(row)));
            }
        }
        entries.sort(Comparator.comparing((MigrationStatus e) -> e.version().orElseThrow()));
        for (Migration m : catalog.repeatable()) {
            Optional<AppliedMigration> row = Optional.ofNullable(latestRepeatable.get(m.description()));
            VersionState state = row.map(r -> r.state() == MigrationState.APPLIED && !r.checksum().equals(m.checksum())
                    ? VersionState.PENDING : stateOf(r.state())).orElse(VersionState.PENDING);
            entries.add(new MigrationStatus(Optional.empty(), m.description(), m.type(), state, Optional.of(m), row));
        }

        Optional<Version> current = entries.stream()
                .filter(e -> e.state() == VersionState.APPLIED || e.state() == VersionState.MISSING_LOCALLY)
                .flatMap(e -> e.version().stream())
                .max(Comparator.naturalOrder());
        if (current.isEmpty()) {
            current = baseline;
        }
        return new ProjectStatus(entries, current, baseline, problemsOf(entries, current, catalog, runnerActive));
    }

    private static VersionState stateOf(MigrationState s) {
        return switch (s) {
            case APPLIED -> VersionState.APPLIED;
            case FAILED -> VersionState.FAILED;
            case RUNNING -> VersionState.RUNNING;
            case ROLLED_BACK -> VersionState.PENDING;
        };
    }

    private static List<StateProblem> problemsOf(List<MigrationStatus> entries, Optional<Version> current,
                                                 MigrationCatalog catalog, boolean runnerActive) {
        List<StateProblem> problems = new ArrayList<>();
        Optional<Version> latestLocal = catalog.latestVersion();
        for (MigrationStatus e : entries) {
            String subject = subject(e);
            switch (e.state()) {
                case APPLIED -> {
                    if (e.checksumChanged()) {
                        problems.add(new StateProblem(StateProblem.Kind.CHECKSUM_MISMATCH, subject,
                                "the file changed after it was applied (recorded checksum "
                                        + Checksum.shortForm(e.lastRow().orElseThrow().checksum().orElse(null))
                                        + ", file now " + Checksum.shortForm(e.migration().orElseThrow().checksum().orElse(null))
                                        + "). Restore the file as it was and put the change in a new migration; "
                                        + "if the edit only touched comments or formatting, run 'sluice repair' to accept it"));
                    }
                }
                case MISSING_LOCALLY -> {
                    Version v = e.version().orElseThrow();
                    if (latestLocal.isEmpty() || v.compareTo(latestLocal.get()) > 0) {
                        problems.add(new StateProblem(StateProblem.Kind.DATABASE_AHEAD, subject,
                                "the database has version " + v + " applied, newer than any migration in this project ("
                                        + latestLocal.map(Version::toString).orElse("none") + "). Update your checkout, or "
                                        + "check that you point at the right database"));
                    } else {
                        problems.add(new StateProblem(StateProblem.Kind.MISSING_LOCALLY, subject,
                                "applied to the database, but its file is gone from the project. Restore "
                                        + e.lastRow().orElseThrow().script() + ", or roll it back with the file in place first"));
                    }
                }
                case RUNNING -> {
                    if (!runnerActive) {
                        Resumption.whyNot(e).ifPresent(why -> problems.add(new StateProblem(StateProblem.Kind.INTERRUPTED, subject,
                                "started at " + e.lastRow().orElseThrow().startedAt() + " and never finished (the run was "
                                        + "interrupted), and cannot simply run again: " + why + ". Check the database, "
                                        + "finish or undo those statements by hand, then run 'sluice repair'")));
                    }
                }
                case FAILED -> {
                    boolean transactional = e.migration().map(m -> m.up().transactional()).orElse(false);
                    if (!transactional) {
                        problems.add(new StateProblem(StateProblem.Kind.PARTIALLY_APPLIED, subject,
                                "failed outside a transaction, so some of its statements may have taken effect. Check the "
                                        + "database, undo or finish them by hand, then run 'sluice repair' and migrate again"));
                    }
                }
                case PENDING -> {
                    if (!e.type().equals(MigrationType.REPEATABLE) && current.isPresent()
                            && e.version().orElseThrow().compareTo(current.get()) < 0) {
                        problems.add(new StateProblem(StateProblem.Kind.OUT_OF_ORDER, subject,
                                "pending, but older than the current version " + current.get()
                                        + ". Give it a version above " + current.get() + ", or run migrate with --out-of-order"));
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    public static String subject(MigrationStatus e) {
        String script = e.migration().map(Migration::script)
                .or(() -> e.lastRow().map(AppliedMigration::script)).orElse("?");
        return e.version().map(v -> "V" + v).orElse("R") + " " + e.description() + " (" + script + ")";
    }

    public List<MigrationStatus> withState(VersionState state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }
}
