package dev.sluice.execution;

import dev.sluice.migration.Direction;
import dev.sluice.migration.MigrationBody;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run will do, in order. A plan is data: it can be printed (dry run), linted and tested without
 * a database.
 */
public record MigrationPlan(List<PlanStep> steps) {

    public MigrationPlan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The bodies the plan runs forward (its up steps), in order: what a backup before the run looks into. */
    public List<MigrationBody> upBodies() {
        return steps.stream().filter(s -> s.direction() == Direction.UP).map(PlanStep::body).toList();
    }

    /** The plan as text, one block per step. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (steps.isEmpty()) {
            lines.add("nothing to do");
        }
        for (PlanStep step : steps) {
            lines.addAll(step.describe());
        }
        return lines;
    }
}
