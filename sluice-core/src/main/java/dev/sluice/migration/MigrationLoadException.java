package dev.sluice.migration;

import java.util.List;
import java.util.stream.Collectors;

/** The project's migrations cannot be used as they are; every problem found is listed, not just the first. */
public final class MigrationLoadException extends RuntimeException {
    private final List<MigrationProblem> problems;

    public MigrationLoadException(List<MigrationProblem> problems) {
        super(problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems with the migrations:\n  " + problems.stream()
                .map(MigrationProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<MigrationProblem> problems() {
        return problems;
    }
}
