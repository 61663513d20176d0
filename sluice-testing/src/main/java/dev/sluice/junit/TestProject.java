package dev.sluice.junit;

import dev.sluice.SluiceOptions;
import dev.sluice.config.SluiceConfig;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.migration.FileSystemMigrationSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
     * The project of {@code migrations} (empty: the first of {@link #DEFAULT_FOLDERS} that exists) and
     * {@code config}, both relative to the working directory.
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
            Path folder = here.resolve(migrations).normalize();
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("@SluiceTest(migrations = \"" + migrations + "\"): " + folder
                        + " is not a folder; name the migrations folder relative to " + here);
            }
            return new TestProject(folder, configFile);
        }
        for (String candidate : DEFAULT_FOLDERS) {
            Path folder = here.resolve(candidate);
            if (Files.isDirectory(folder)) {
                return new TestProject(folder, configFile);
            }
        }
        throw new IllegalArgumentException("no migrations folder: neither " + String.join(" nor ", DEFAULT_FOLDERS)
                + " exists in " + here + "; name yours with @SluiceTest(migrations = \"...\")");
    }

    /**
     * The facade's options for {@code database}: these migrations, and the schema, history table, execution
     * and lint settings of the settings file, as {@code sluice migrate} would read them.
     */
    SluiceOptions options(ConnectionFactory database) {
        SluiceConfig settings = SluiceConfig.load(config, false);
        return SluiceOptions.builder(database)
                .schema(settings.get("schema").orElse(SluiceOptions.DEFAULT_SCHEMA))
                .historyTable(settings.get("table").orElse(SluiceOptions.DEFAULT_HISTORY_TABLE))
                .execution(settings.execution())
                .lint(settings.lint())
                .source(new FileSystemMigrationSource(migrations))
                .build();
    }
}
