package dev.sluice;

import dev.sluice.execution.StepResult;
import dev.sluice.migration.Version;
import dev.sluice.online.OnlineChange;

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
 */
public record MigrateResult(List<StepResult> steps, Optional<Version> before, Optional<Version> after,
                            List<OnlineChange> online) {
    public MigrateResult {
        steps = List.copyOf(steps);
        online = List.copyOf(online);
    }

    public MigrateResult(List<StepResult> steps, Optional<Version> before, Optional<Version> after) {
        this(steps, before, after, List.of());
    }
}
