package dev.sluice;

import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationProblem;

import java.util.List;

/**
 * What {@code validate} found: the problems of the migration files themselves, and those between the
 * files and the history (an edited applied file, one gone, one out of order).
 *
 * @param catalog         what resolved; its warnings are worth showing even when valid
 * @param status          each migration's state, files against the history
 * @param fileProblems    problems of the files, every one
 * @param historyProblems problems between files and history; an applied migration whose file is there but
 *                        cannot be resolved is left to its file problem, not reported as gone
 */
public record ValidateResult(MigrationCatalog catalog, ProjectStatus status, List<MigrationProblem> fileProblems,
                             List<StateProblem> historyProblems) {

    public ValidateResult {
        fileProblems = List.copyOf(fileProblems);
        historyProblems = List.copyOf(historyProblems);
    }

    public boolean valid() {
        return fileProblems.isEmpty() && historyProblems.isEmpty();
    }
}
