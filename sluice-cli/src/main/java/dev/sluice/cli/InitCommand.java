package dev.sluice.cli;

import picocli.CommandLine.Command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code sluice init}: a config file and an empty migrations folder, so {@code sluice new} has somewhere to write. */
@Command(name = "init", description = "Create sluice.conf and the migrations folder in the project folder.")
final class InitCommand extends ProjectCommand {

    static final String TEMPLATE = """
            # Sluice project configuration. Flags override the environment, which overrides this file.
            #
            # Target database. Without a url, Sluice uses an embedded PostgreSQL in .sluice/ (announced on
            # every run); set embedded = false to make a missing url an error instead.
            # url = jdbc:postgresql://localhost:5432/app
            # user = app
            # Keep passwords out of this file: set SLUICE_PASSWORD in the environment.
            # embedded = true
            #
            # Where the migrations are, relative to this file.
            locations = migrations
            #
            # History table.
            # schema = public
            # table = sluice_history
            #
            # Safety: how long a statement may wait for a lock, and may run.
            # lock-timeout = 2s
            # statement-timeout = off
            # How long to wait for another runner to finish.
            # lock-wait = 60s
            """;

    @Override
    int run(Project project) throws Exception {
        Path dir = project.dir();
        Path config = dir.resolve(dev.sluice.config.SluiceConfig.FILE_NAME);
        if (Files.exists(config)) {
            throw new CliException(ExitCodes.USAGE, config + " already exists; init leaves an existing project alone");
        }
        Files.createDirectories(dir);
        Files.writeString(config, TEMPLATE, StandardCharsets.UTF_8);
        Path migrations = dir.resolve("migrations");
        Files.createDirectories(migrations);
        Path ignore = dir.resolve(".gitignore");
        if (!Files.exists(ignore)) {
            Files.writeString(ignore, ".sluice/\n", StandardCharsets.UTF_8);
        }
        out().println("created " + config);
        out().println("created " + migrations + "/");
        out().println("next: sluice --dir " + dir + " new \"create users\"");
        return ExitCodes.OK;
    }
}
