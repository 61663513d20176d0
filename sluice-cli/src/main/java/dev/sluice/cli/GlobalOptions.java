package dev.sluice.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/**
 * Options every verb accepts, before or after the verb's name. Connection settings come from these
 * flags first, then the environment ({@code SLUICE_URL}, {@code SLUICE_USER}, {@code SLUICE_PASSWORD}),
 * then {@code sluice.conf}.
 */
final class GlobalOptions {

    @Option(names = {"-d", "--dir"}, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The migration project: holds sluice.conf and the migrations folder (default: current folder).")
    Path dir = Path.of(".");

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file to read instead of DIR/sluice.conf.")
    Path config;

    @Option(names = "--locations", scope = ScopeType.INHERIT, paramLabel = "LOCATIONS",
            description = "Where the migration files are, comma-separated: folders relative to DIR, filesystem:FOLDER or "
                    + "classpath:db/migration (default: DIR/migrations, else DIR itself when it holds V files, else "
                    + "Flyway's src/main/resources/db/migration). Env: SLUICE_LOCATIONS.")
    String locations;

    @Option(names = "--classpath", scope = ScopeType.INHERIT, paramLabel = "PATHS",
            description = "Folders of compiled classes and jars (a folder's jars count too) from which the Java migrations "
                    + "of java-package load, comma-separated. Env: SLUICE_JAVA_CLASSPATH.")
    String classpath;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Target database: jdbc:postgresql://localhost:5432/app, or postgres://user@host:5432/app "
                    + "(a password in it is moved to the password setting). Env: SLUICE_URL.")
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, description = "Database user. Env: SLUICE_USER.")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, arity = "0..1", interactive = true, prompt = "Password: ",
            description = "Database password; give the flag alone to be asked for it. Prefer SLUICE_PASSWORD: "
                    + "a password on the command line is visible to other users of the machine.")
    char[] password;

    @Option(names = "--schema", scope = ScopeType.INHERIT, description = "Schema of the history table (default: public).")
    String schema;

    @Option(names = "--table", scope = ScopeType.INHERIT, description = "Name of the history table (default: sluice_history);"
            + " for 'sluice rewrite', the table to rewrite (the history table then comes from the config key 'table').")
    String table;

    @Option(names = "--require-url", scope = ScopeType.INHERIT,
            description = "Fail instead of using the embedded database when no URL is configured.")
    boolean requireUrl;

    @Option(names = "--strict", scope = ScopeType.INHERIT,
            description = "Treat a .sql file whose name matches no migration form as an error.")
    boolean strict;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colour, even on a terminal (also: the NO_COLOR environment variable). Piped output never has colour.")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only warnings, errors and what the command exists to show (no progress, no summary lines).")
    boolean quiet;
}
