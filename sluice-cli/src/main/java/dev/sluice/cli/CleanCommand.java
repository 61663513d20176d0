package dev.sluice.cli;

import dev.sluice.clean.CleanResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code sluice clean}: empties a development database's schema, as Flyway's clean does. */
@Command(name = "clean", description = "Drop every object of the project's schema (tables, views, sequences, functions, types, "
        + "extensions installed in it, the schemas of online changes and Sluice's history) in one transaction. Development "
        + "databases only: refused unless the target is the embedded database or clean.enabled = true, and always under a "
        + "production profile (profile = production, prod or live).")
final class CleanCommand extends ProjectCommand {

    @Option(names = "--dry-run", description = "List the DROP statements; run none.")
    boolean dryRun;

    @Override
    int run(Project project) throws Exception {
        CleanResult result = project.sluice(project.settings()).clean(project.config().cleanPolicy(), project.usesEmbedded(), dryRun);
        PrintWriter out = out();
        if (!root.global.quiet || result.dryRun()) {
            result.statements().forEach(s -> out.println((result.dryRun() ? "would run: " : "") + s + ";"));
        }
        if (result.dryRun()) {
            out.println("dry run: nothing dropped; " + result.statements().size() + " statement"
                    + (result.statements().size() == 1 ? "" : "s") + " would empty schema " + result.schema() + " of "
                    + project.describeTarget());
        } else if (!root.global.quiet) {
            out.println("cleaned schema " + result.schema() + " of " + project.describeTarget() + ": "
                    + (result.statements().isEmpty() ? "it was already empty" : result.statements().size() + " drop statement"
                    + (result.statements().size() == 1 ? "" : "s")) + "; 'sluice migrate' rebuilds it");
        }
        return ExitCodes.OK;
    }
}
