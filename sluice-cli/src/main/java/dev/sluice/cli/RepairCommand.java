package dev.sluice.cli;

import dev.sluice.RepairResult;
import picocli.CommandLine.Command;

/** {@code sluice repair}: clears what a person has looked at: failed and interrupted rows, edited checksums. */
@Command(name = "repair", description = "Remove FAILED and interrupted RUNNING history rows and accept edited checksums. "
        + "Run it only after checking the database.")
final class RepairCommand extends ProjectCommand {

    @Override
    int run(Project project) throws Exception {
        RepairResult result = project.sluice(project.settings()).repair();
        if (result.changes().isEmpty()) {
            out().println("nothing to repair");
        }
        result.changes().forEach(c -> out().println("repaired: " + c));
        return ExitCodes.OK;
    }
}
