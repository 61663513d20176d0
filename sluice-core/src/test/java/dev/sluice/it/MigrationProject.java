package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.JavaMigrationSource;
import dev.sluice.migration.SafeMigration;
import dev.sluice.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A migrations folder written by a test, and a {@link Sluice} pointed at a test database. */
final class MigrationProject {

    final Path folder;
    private final TestDatabase db;
    private final List<Class<? extends SafeMigration>> java = new ArrayList<>();
    private ExecutionSettings settings = ExecutionSettings.defaults();

    MigrationProject(Path folder, TestDatabase db) {
        this.folder = folder;
        this.db = db;
    }

    MigrationProject file(String name, String text) {
        try {
            Files.writeString(folder.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    MigrationProject delete(String name) {
        try {
            Files.delete(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @SafeVarargs
    final MigrationProject java(Class<? extends SafeMigration>... classes) {
        java.addAll(List.of(classes));
        return this;
    }

    MigrationProject settings(ExecutionSettings s) {
        this.settings = s;
        return this;
    }

    Sluice sluice() {
        SluiceOptions.Builder b = SluiceOptions.builder(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()))
                .source(new FileSystemMigrationSource(folder))
                .execution(settings);
        if (!java.isEmpty()) {
            @SuppressWarnings("unchecked")
            Class<? extends SafeMigration>[] classes = java.toArray(new Class[0]);
            b.source(JavaMigrationSource.of(classes));
        }
        return new Sluice(b.build());
    }
}
