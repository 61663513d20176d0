package dev.sluice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice baseline}: adopts a database that existed before Sluice. */
@Command(name = "baseline", description = "Mark an existing database as being at a version; older migrations will not run.")
final class BaselineCommand extends ProjectCommand {

    @Option(names = "--version", required = true, paramLabel = "V", description = "The version the database is at.")
    String version;

    @Option(names = "--description", description = "Recorded in the history (default: baseline).")
    String description = "baseline";

    @Override
    int run(Project project) throws Exception {
        var v = VersionArgument.parse(version);
        project.sluice(project.settings()).baseline(v, description);
        out().println("baselined " + project.describeTarget() + " at version " + v
                + "; migrations up to " + v + " will not run");
        return ExitCodes.OK;
    }
}
