package dev.sluice.execution;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The database's history and the project's files disagree in a way a person must settle before Sluice
 * changes anything. Nothing was run.
 */
public final class MigrationStateException extends RuntimeException {
    private final List<StateProblem> problems;

    public MigrationStateException(String what, List<StateProblem> problems) {
        super(what + ":\n  " + problems.stream().map(StateProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<StateProblem> problems() {
        return problems;
    }
}
