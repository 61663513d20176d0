package dev.sluice.cli;

import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.migration.Version;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code sluice rollback}: runs the newest migrations' downs (U files or performDown) and their validations. */
@Command(name = "rollback", description = "Roll back the newest applied migrations with their down migrations,"
        + " or abort the online change in progress.")
final class RollbackCommand extends ProjectCommand {

    @ArgGroup(exclusive = true)
    Amount amount = new Amount();

    static final class Amount {
        @Option(names = "--steps", paramLabel = "N", description = "How many migrations to roll back (default 1).")
        Integer steps;

        @Option(names = "--to", paramLabel = "VERSION", description = "Roll back every migration above this version.")
        String to;
    }

    @Mixin
    RunOptions run;

    @Override
    int run(Project project) throws Exception {
        Sluice sluice = project.sluice(run.apply(project.settings()));
        int steps = amount.steps == null ? 1 : amount.steps;
        if (steps < 1) {
            throw new CliException(ExitCodes.USAGE, "--steps must be at least 1");
        }
        Optional<Version> to = Optional.ofNullable(amount.to).map(VersionArgument::parse);
        if (run.dryRun) {
            out().println("dry run against " + project.describeTarget() + "; nothing will change");
            var plan = sluice.planRollback(steps, to);
            plan.describe().forEach(out()::println);
            return MigrateCommand.printGate(sluice, plan, out());
        }
        MigrateResult result;
        try (ConsoleListener progress = ConsoleListener.forRun(out(), run.verbose, terminal(), sluice)) {
            result = sluice.rollback(steps, to, progress, new RewriteCommand.Console(out(), terminal().quiet()));
        }
        if (terminal().quiet()) {
            return ExitCodes.OK;
        }
        if (!result.online().isEmpty()) {
            var change = result.online().get(0);
            out().println("rolled back the online change V" + change.version() + " " + change.description()
                    + " before its completion; the schema is as it was before its start");
        } else if (!result.rewrites().isEmpty()) {
            result.rewrites().forEach(r -> RewriteCommand.print(out(), r));
            int undone = result.steps().size() + result.rewrites().size();
            out().println("rolled back " + undone + " migration" + (undone == 1 ? "" : "s")
                    + "; database now at version " + result.after().map(Version::toString).orElse("none"));
        } else if (result.steps().isEmpty()) {
            out().println("nothing to roll back; database at version " + result.after().map(Version::toString).orElse("none"));
        } else {
            out().println("rolled back " + result.steps().size() + " migration" + (result.steps().size() == 1 ? "" : "s")
                    + "; database now at version " + result.after().map(Version::toString).orElse("none"));
        }
        return ExitCodes.OK;
    }
}
