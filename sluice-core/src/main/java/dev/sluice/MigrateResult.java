package dev.sluice;

import dev.sluice.execution.StepResult;
import dev.sluice.migration.Version;

import java.util.List;
import java.util.Optional;

/**
 * What a {@code migrate} or {@code rollback} did.
 *
 * @param steps  the steps that ran, in order
 * @param before the current version before the run
 * @param after  the current version after it
 */
public record MigrateResult(List<StepResult> steps, Optional<Version> before, Optional<Version> after) {
    public MigrateResult {
        steps = List.copyOf(steps);
    }
}
