package dev.sluice.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of rehearsal and verify: where the scratch databases live, where the seed files are, how a missing down counts. */
final class ScratchOptions {

    @Mixin
    ScratchServerOptions server = new ScratchServerOptions();

    @Option(names = "--seeds", paramLabel = "DIR", description = "Folder of seed.sql and S<version>__*.sql files (default: DIR/seeds).")
    java.nio.file.Path seeds;

    @Option(names = "--irreversible", paramLabel = "LEVEL",
            description = "How a migration without a down counts: error or warning (default: warning, or rehearse.irreversible).")
    String irreversible;

    java.nio.file.Path seedFolder(Project project) {
        return seeds != null ? seeds : project.dir().resolve(project.config().get("seeds").orElse("seeds"));
    }

    boolean irreversibleIsError(Project project) {
        String level = irreversible != null ? irreversible : project.config().get("rehearse.irreversible").orElse("warning");
        return switch (level) {
            case "error" -> true;
            case "warning" -> false;
            default -> throw new CliException(ExitCodes.USAGE, "--irreversible / rehearse.irreversible takes error or warning, not '"
                    + level + "'");
        };
    }
}
