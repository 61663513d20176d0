package dev.sluice.cli;

import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.migration.MigrationProblem;
import picocli.CommandLine.Command;

/**
 * {@code sluice validate}: the migrations folder parses, names and versions are unique, and the history
 * agrees with the files (checksums, nothing missing, nothing out of order).
 */
@Command(name = "validate", description = "Check the migrations and their checksums against the history.")
final class ValidateCommand extends ProjectCommand {

    @Override
    int run(Project project) throws Exception {
        var sluice = project.sluice(project.settings());
        var catalog = sluice.catalog();
        for (MigrationProblem w : catalog.warnings()) {
            err().println("warning: " + w);
        }
        ProjectStatus status = sluice.status();
        if (status.problems().isEmpty()) {
            out().println("valid: " + catalog.versioned().size() + " versioned and " + catalog.repeatable().size()
                    + " repeatable migrations agree with the history");
            return ExitCodes.OK;
        }
        for (StateProblem p : status.problems()) {
            out().println("invalid: " + p);
        }
        return ExitCodes.INVALID;
    }
}
