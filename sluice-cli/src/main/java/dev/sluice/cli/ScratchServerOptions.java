package dev.sluice.cli;

import dev.sluice.postgres.ScratchDatabases;
import dev.sluice.postgres.ScratchSettings;
import picocli.CommandLine.Option;

import java.sql.SQLException;
import java.util.Optional;

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

    /**
     * The core's request: these options, the project's login for the development server, and the target's
     * major by default when a target is configured.
     */
    ScratchSettings settings(Project project) {
        return new ScratchSettings(Optional.ofNullable(devUrl), Optional.ofNullable(pgVersion), project.configuredUrl().isPresent(),
                project.user(), project.password());
    }

    /**
     * The scratch server these options ask for; the target is asked for its major only when it matters, so
     * that a verb that never touches the target (trace without a URL) starts no database for it.
     */
    ScratchDatabases start(Project project) throws SQLException {
        return ScratchDatabases.start(settings(project), () -> project.sluice(project.settings()).serverMajor());
    }
}
