package dev.sluice.doctor;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.Version;
import dev.sluice.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A project for one check's test: a migrations folder, a facade over it, and the {@link DoctorContext}
 * the facade would build, so a check can be run alone.
 */
final class DoctorFixture {

    final Path migrations;
    final Path backups;
    final Sluice sluice;

    private DoctorFixture(Path dir, ConnectionFactory connections) {
        this.migrations = dir.resolve("migrations");
        this.backups = dir.resolve("backups");
        try {
            Files.createDirectories(migrations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sluice = new Sluice(SluiceOptions.builder(connections).source(new FileSystemMigrationSource(migrations)).build());
    }

    /** Against a test database. */
    static DoctorFixture on(Path dir, TestDatabase db) {
        return new DoctorFixture(dir, new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()));
    }

    /** Against a local port nobody listens on: the database is unreachable. */
    static DoctorFixture unreachable(Path dir) {
        return new DoctorFixture(dir, new JdbcConnectionFactory("jdbc:postgresql://127.0.0.1:" + closedPort() + "/none", "nobody", null));
    }

    DoctorFixture file(String name, String text) {
        try {
            Files.writeString(migrations.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    DoctorRequest request() {
        return DoctorRequest.of(migrations, backups);
    }

    DoctorContext context() {
        return context(request());
    }

    DoctorContext context(DoctorRequest request) {
        ProjectState project = new ProjectState() {
            @Override
            public MigrationCatalog catalog() {
                return sluice.catalog();
            }

            @Override
            public ProjectStatus status() throws SQLException {
                return sluice.status();
            }

            @Override
            public MigrationPlan planMigrate(Optional<Version> target) throws SQLException {
                return sluice.planMigrate(target);
            }
        };
        return new DoctorContext(sluice.options().connections(), sluice.options().lint(), project, request);
    }

    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
