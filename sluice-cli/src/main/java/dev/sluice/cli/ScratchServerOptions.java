package dev.sluice.cli;

import picocli.CommandLine.Option;

/** Where a verb's scratch databases live: a throwaway PostgreSQL of some major, or a development server. */
final class ScratchServerOptions {

    @Option(names = "--dev-url", paramLabel = "JDBC_URL",
            description = "A development server to create scratch databases on, instead of a throwaway PostgreSQL "
                    + "(needs CREATEDB; they are dropped afterwards).")
    String devUrl;

    @Option(names = "--pg-version", paramLabel = "MAJOR",
            description = "PostgreSQL major of the throwaway server: the bundled one, or one installed under "
                    + "/usr/lib/postgresql/MAJOR, or its Maven artifact (default: the target's major when a URL is configured, "
                    + "else the bundled one).")
    Integer pgVersion;
}
