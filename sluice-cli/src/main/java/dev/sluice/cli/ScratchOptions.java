package dev.sluice.cli;

import picocli.CommandLine.Option;

/** Options of the verbs that work on a scratch database: where it lives and where the seed files are. */
final class ScratchOptions {

    @Option(names = "--dev-url", paramLabel = "JDBC_URL",
            description = "A development server to create scratch databases on, instead of a throwaway PostgreSQL "
                    + "(needs CREATEDB; they are dropped afterwards).")
    String devUrl;

    @Option(names = "--pg-version", paramLabel = "MAJOR",
            description = "PostgreSQL major of the throwaway server: the bundled one, or one installed under "
                    + "/usr/lib/postgresql/MAJOR (default: the bundled major).")
    Integer pgVersion;

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
