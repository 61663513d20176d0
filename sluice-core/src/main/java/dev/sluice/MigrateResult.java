package dev.sluice;

import dev.sluice.execution.StepResult;
import dev.sluice.migration.Version;
import dev.sluice.online.OnlineChange;
import dev.sluice.rewrite.RewriteResult;

import java.util.List;
import java.util.Optional;

/**
 * What a {@code migrate} or {@code rollback} did.
 *
 * @param steps  the steps that ran, in order
 * @param before the current version before the run
 * @param after  the current version after it
 * @param online the online changes this run started, completed or rolled back, in order (their state
 *               after the run: {@link OnlineChange#inProgress()} for one that was started and not completed)
 * @param rewrites the {@code -- sluice:rewrite} migrations this run swapped in, or swapped back on rollback, in order
 */
public record MigrateResult(List<StepResult> steps, Optional<Version> before, Optional<Version> after,
                            List<OnlineChange> online, List<RewriteResult> rewrites) {
    public MigrateResult {
        steps = List.copyOf(steps);
        online = List.copyOf(online);
        rewrites = List.copyOf(rewrites);
    }

    public MigrateResult(List<StepResult> steps, Optional<Version> before, Optional<Version> after,
                         List<OnlineChange> online) {
        this(steps, before, after, online, List.of());
    }

    public MigrateResult(List<StepResult> steps, Optional<Version> before, Optional<Version> after) {
        this(steps, before, after, List.of());
    }
}
