package dev.sluice.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every verb that works on a project shares: the project (config and target database), opened for
 * the command and closed after it, so an embedded database never outlives the command.
 */
abstract class ProjectCommand implements Callable<Integer> {

    /** The top command, set before {@link #run}; found from the spec so verbs can nest ({@code backup list}). */
    SluiceCommand root;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Where the output goes: colour, progress in place, quiet. */
    Terminal terminal() {
        return ((SluiceCommand) spec.root().userObject()).terminal();
    }

    @Override
    public final Integer call() throws Exception {
        root = (SluiceCommand) spec.root().userObject();
        claimOptions(root.global);
        try (Project project = new Project(root.global, root.environment, err())) {
            return run(project);
        }
    }

    abstract int run(Project project) throws Exception;

    /** Lets a verb take a global option for its own meaning before the project reads it; none does by default. */
    void claimOptions(GlobalOptions global) {
    }
}
