package dev.sluice.cli;

import dev.sluice.ValidateResult;
import dev.sluice.migration.MigrationProblem;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sluice validate}: the migrations folder parses, names and versions are unique, and the history
 * agrees with the files (checksums, nothing missing, nothing out of order).
 */
@Command(name = "validate", description = "Check the migrations and their checksums against the history.")
final class ValidateCommand extends ProjectCommand {

    /** Exit code 3 on any problem, in the files or between them and the history; every one is printed. */
    @Override
    int run(Project project) throws Exception {
        ValidateResult result = project.sluice(project.settings()).validate();
        var catalog = result.catalog();
        for (MigrationProblem w : catalog.warnings()) {
            err().println("warning: " + w);
        }
        List<String> problems = new ArrayList<>();
        result.fileProblems().forEach(p -> problems.add(p.toString()));
        result.historyProblems().forEach(p -> problems.add(p.toString()));
        if (problems.isEmpty()) {
            out().println("valid: " + catalog.versioned().size() + " versioned and " + catalog.repeatable().size()
                    + " repeatable migrations agree with the history");
            return ExitCodes.OK;
        }
        for (String p : problems) {
            out().println("invalid: " + p);
        }
        return ExitCodes.INVALID;
    }
}
