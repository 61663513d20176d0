package dev.sluice.junit;

import dev.sluice.SluiceOptions;
import dev.sluice.config.SluiceConfig;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.JavaMigrationSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The project under test as Sluice sees it: its migrations folder and its settings file. Equal projects
 * share one migrated template per JVM.
 *
 * @param migrations the migrations folder, absolute
 * @param config     the settings file, absolute; it need not exist
 */
record TestProject(Path migrations, Path config) {

    /** Where migrations are looked for when none is named: Flyway's place first, then the CLI's. */
    static final List<String> DEFAULT_FOLDERS = List.of("src/main/resources/db/migration", "migrations");

    /**
     * The project of {@code migrations} and {@code config}, both relative to the working directory. With
     * {@code migrations} empty, the folder is the settings file's {@code locations} (relative to the file's
     * folder, as for the CLI), else the first of {@link #DEFAULT_FOLDERS} that exists.
     *
     * @throws IllegalArgumentException naming the folder(s) looked for when there is none
     */
    static TestProject of(String migrations, String config) {
        return of(Path.of("").toAbsolutePath(), migrations, config);
    }

    /** {@link #of(String, String)} relative to {@code here}. */
    static TestProject of(Path here, String migrations, String config) {
        Path configFile = here.resolve(config).normalize();
        if (!migrations.isEmpty()) {
            return new TestProject(folder(here.resolve(migrations).normalize(),
                    "@SluiceTest(migrations = \"" + migrations + "\")", "name the migrations folder relative to " + here),
                    configFile);
        }
        Optional<String> locations = SluiceConfig.load(configFile, false).get("locations");
        if (locations.isPresent()) {
            return new TestProject(folder(configFile.getParent().resolve(locations.get()).normalize(),
                    configFile + ": locations = " + locations.get(), "correct it, or name the folder with @SluiceTest(migrations = \"...\")"),
                    configFile);
        }
        for (String candidate : DEFAULT_FOLDERS) {
            Path folder = here.resolve(candidate);
            if (Files.isDirectory(folder)) {
                return new TestProject(folder, configFile);
            }
        }
        throw new IllegalArgumentException("no migrations folder: neither " + String.join(" nor ", DEFAULT_FOLDERS)
                + " exists in " + here + ", and " + configFile + " sets no locations; name yours with @SluiceTest(migrations = \"...\")");
    }

    private static Path folder(Path folder, String origin, String whatToDo) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(origin + ": " + folder + " is not a folder; " + whatToDo);
        }
        return folder;
    }

    /**
     * The facade's options for {@code database}: these migrations, the Java migrations of the settings
     * file's {@code java-package} (on the test class path), and its schema, history table, execution and lint
     * settings, as {@code sluice migrate} would read them.
     */
    SluiceOptions options(ConnectionFactory database) {
        SluiceConfig settings = SluiceConfig.load(config, false);
        SluiceOptions.Builder builder = SluiceOptions.builder(database)
                .schema(settings.get("schema").orElse(SluiceOptions.DEFAULT_SCHEMA))
                .historyTable(settings.get("table").orElse(SluiceOptions.DEFAULT_HISTORY_TABLE))
                .execution(settings.execution())
                .rewriteCopy(settings.rewriteCopy())
                .lint(settings.lint())
                .placeholders(settings.placeholders())
                .source(new FileSystemMigrationSource(migrations));
        settings.get("java-package").ifPresent(pkg ->
                builder.source(JavaMigrationSource.scan(pkg, Thread.currentThread().getContextClassLoader())));
        return builder.build();
    }
}
