package dev.sluice.execution.internal;

import dev.sluice.execution.PlanStep;
import dev.sluice.execution.StateProblem;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationStatus;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.MigrationStateException;
import dev.sluice.execution.VersionState;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.migration.Direction;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationBody;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides what {@code migrate} and {@code rollback} will do from a {@link ProjectStatus}, before anything
 * runs. It refuses, with every reason at once, when the history and the files disagree.
 */
public final class MigrationPlanner {

    private final ExecutionSettings settings;

    public MigrationPlanner(ExecutionSettings settings) {
        this.settings = settings;
    }

    /**
     * The plan for {@code migrate}: pending (and transactionally failed) versioned migrations up to
     * {@code target} in version order, then the repeatable ones that are new or changed.
     */
    public MigrationPlan migrate(ProjectStatus status, Optional<Version> target) {
        return migrate(status, target, true);
    }

    /**
     * The plan for {@code migrate}, with or without the repeatable migrations; a rehearsal leaves them
     * out until the versioned ones have all been proven, so a down is never blamed for a view it did not
     * create.
     */
    public MigrationPlan migrate(ProjectStatus status, Optional<Version> target, boolean withRepeatables) {
        List<StateProblem> blocking = status.problems().stream()
                .filter(p -> !(p.kind() == StateProblem.Kind.OUT_OF_ORDER && settings.outOfOrder()))
                .filter(p -> !settings.ignoreMigrationPatterns().ignores(p.kind()))
                .toList();
        // An older pending file under '*:ignored' stays unapplied, as Flyway leaves it, unless --out-of-order.
        boolean skipOlder = !settings.outOfOrder() && settings.ignoreMigrationPatterns().ignores(StateProblem.Kind.OUT_OF_ORDER);
        java.util.Set<String> older = status.problems().stream().filter(p -> p.kind() == StateProblem.Kind.OUT_OF_ORDER)
                .map(StateProblem::subject).collect(java.util.stream.Collectors.toSet());
        if (!blocking.isEmpty()) {
            throw new MigrationStateException("migrate refused; nothing was run", blocking);
        }
        List<PlanStep> steps = new ArrayList<>();
        List<PlanStep> repeatables = new ArrayList<>();
        for (MigrationStatus e : status.entries()) {
            boolean resumable = e.state() == VersionState.RUNNING && Resumption.whyNot(e).isEmpty();
            boolean runnable = e.state() == VersionState.PENDING || e.state() == VersionState.FAILED || resumable;
            if (!runnable || e.migration().isEmpty() || (skipOlder && older.contains(ProjectStatus.subject(e)))) {
                continue;
            }
            Migration m = e.migration().get();
            PlanStep step = step(m, Direction.UP, m.up(), Optional.empty());
            if (resumable) {
                step = new PlanStep(m, Direction.UP, m.up(), Optional.empty(), step.lockTimeout(), step.statementTimeout(),
                        e.lastRow());
            }
            if (m.type() == MigrationType.REPEATABLE) {
                repeatables.add(step);
            } else if (target.isEmpty() || m.requireVersion().compareTo(target.get()) <= 0) {
                steps.add(step);
            }
        }
        steps.sort(Comparator.comparing(s -> s.migration().requireVersion()));
        if (withRepeatables) {
            steps.addAll(repeatables);
        }
        return new MigrationPlan(steps);
    }

    /**
     * The plan for {@code rollback}: the newest applied migrations, newest first, either {@code steps} of
     * them or all above {@code to}.
     */
    public MigrationPlan rollback(ProjectStatus status, int count, Optional<Version> to) {
        List<StateProblem> blocking = status.problems().stream()
                .filter(p -> p.kind() != StateProblem.Kind.OUT_OF_ORDER)
                .filter(p -> !settings.ignoreMigrationPatterns().ignores(p.kind()))
                .toList();
        if (!blocking.isEmpty()) {
            throw new MigrationStateException("rollback refused; nothing was run", blocking);
        }
        List<MigrationStatus> applied = status.entries().stream()
                .filter(e -> e.state() == VersionState.APPLIED && e.type() != MigrationType.BASELINE
                        && e.type() != MigrationType.REPEATABLE)
                .sorted(Comparator.comparing((MigrationStatus e) -> e.version().orElseThrow()).reversed())
                .toList();
        List<MigrationStatus> chosen = to.isPresent()
                ? applied.stream().filter(e -> e.version().orElseThrow().compareTo(to.get()) > 0).toList()
                : applied.subList(0, Math.min(count, applied.size()));
        List<StateProblem> noDown = new ArrayList<>();
        List<PlanStep> steps = new ArrayList<>();
        for (MigrationStatus e : chosen) {
            Migration m = e.migration().orElseThrow();
            if (m.type() == MigrationType.REWRITE) {
                // Its down is the rewrite's swap back, which the facade runs; whether the old table is still
                // kept is checked there, against the database.
                steps.add(step(m, Direction.DOWN, m.up(), e.lastRow()));
                continue;
            }
            if (m.down().isEmpty() && m.type() == MigrationType.ONLINE) {
                noDown.add(new StateProblem(StateProblem.Kind.MISSING_LOCALLY, ProjectStatus.subject(e),
                        "is a completed online change, which has no down: undo it with a new online migration, or roll back fewer steps"));
                continue;
            }
            if (m.down().isEmpty()) {
                noDown.add(new StateProblem(StateProblem.Kind.MISSING_LOCALLY, ProjectStatus.subject(e),
                        "has no down: add U" + m.requireVersion() + "__" + m.description().replace(' ', '_')
                                + ".sql, or roll back fewer steps"));
                continue;
            }
            steps.add(step(m, Direction.DOWN, m.down().get(), e.lastRow()));
        }
        if (!noDown.isEmpty()) {
            throw new MigrationStateException("rollback refused; nothing was run", noDown);
        }
        return new MigrationPlan(steps);
    }

    private PlanStep step(Migration m, Direction direction, MigrationBody body,
                          Optional<dev.sluice.history.AppliedMigration> undoes) {
        Duration lock = body.settings().lockTimeout().orElse(settings.lockTimeout());
        Duration statement = body.settings().statementTimeout().orElse(settings.statementTimeout());
        return new PlanStep(m, direction, body, undoes, lock, statement, Optional.empty());
    }
}
