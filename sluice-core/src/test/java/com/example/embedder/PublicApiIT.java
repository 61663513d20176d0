package com.example.embedder;

import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.TraceReport;
import dev.sluice.ValidateResult;
import dev.sluice.backup.BackupManifest;
import dev.sluice.backup.BackupSettings;
import dev.sluice.backup.Backups;
import dev.sluice.backup.PgTarget;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.doctor.DoctorReport;
import dev.sluice.doctor.DoctorRequest;
import dev.sluice.execution.MigrationListener;
import dev.sluice.lint.LintResult;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.Version;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.schema.SchemaDiff;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every verb through the public API, as an embedder calls it: from a package of its own (so nothing
 * package-private is reachable), with no command-line class on the class path (this module has none).
 */
@ExtendWith(PostgresExtension.class)
class PublicApiIT {

    @TempDir
    Path dir;

    private Sluice sluice(TestDatabase db, Path migrations) {
        return new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()))
                .source(new FileSystemMigrationSource(migrations))
                .build());
    }

    private Path project() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__customers.sql"),
                "create table customers (id bigint primary key, email text not null);\n");
        Files.writeString(migrations.resolve("U1__customers.sql"), "drop table customers;\n");
        Files.writeString(migrations.resolve("V2__orders.sql"),
                "create table orders (id bigint primary key, customer_id bigint references customers);\n");
        Files.writeString(migrations.resolve("U2__orders.sql"), "drop table orders;\n");
        return migrations;
    }

    @Test
    void everyVerbThroughTheFacade(TestDatabase db) throws Exception {
        Path migrations = project();
        Sluice sluice = sluice(db, migrations);

        LintResult lint = sluice.lint(List.of());
        assertFalse(lint.hasErrors(), lint.findings().toString());
        assertFalse(lint.invalidFiles());

        ValidateResult valid = sluice.validate();
        assertTrue(valid.valid(), valid.toString());

        DoctorReport doctor = sluice.doctor(DoctorRequest.of(migrations, dir.resolve("backups")).withBackupComing(true));
        assertEquals("2 pending migrations", doctor.check("pending").orElseThrow().outcome().message());

        TestDatabase scratch = db.another();
        TraceReport trace = sluice.trace(new JdbcConnectionFactory(scratch.jdbcUrl(), scratch.user(), scratch.password()),
                Progress.NONE);
        assertEquals(2, trace.migrations().size());

        TestDatabase rehearsal = db.another();
        RehearsalReport rehearsed = sluice.rehearse(new JdbcConnectionFactory(rehearsal.jdbcUrl(), rehearsal.user(),
                rehearsal.password()), Optional.empty(), true, Progress.NONE);
        assertTrue(rehearsed.passed(), rehearsed.toString());

        MigrateResult up = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(2, up.steps().size());
        assertEquals(Optional.of(Version.parse("2")), sluice.status().current());

        SchemaSnapshot snapshot = sluice.snapshot();
        assertFalse(sluice.driftAgainstHistory().drifted());
        TestDatabase rebuild = db.another();
        assertFalse(sluice.driftAgainstRebuild(false, false, new JdbcConnectionFactory(rebuild.jdbcUrl(), rebuild.user(),
                rebuild.password())).drifted());
        db.execute("alter table customers add column note text");
        assertTrue(sluice.driftAgainstHistory().drifted());
        SchemaDiff diff = SchemaDiff.between(snapshot, Sluice.snapshotOf(
                new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()), sluice.snapshotOptions(false)), false);
        assertEquals(1, diff.changes().size(), diff.lines().toString());
        db.execute("alter table customers drop column note");

        Backups backups = sluice.backups(BackupSettings.defaults(dir), PgTarget.fromJdbcUrl(db.jdbcUrl(), db.user(), db.password()));
        db.execute("insert into customers values (1, 'a@example.com')");
        BackupManifest copy = backups.tables(List.of("customers"), "by the embedder").orElseThrow();
        db.execute("delete from customers");
        backups.restore(copy.id(), Optional.of("customers"), line -> { });
        assertEquals(1L, db.queryForLong("select count(*) from customers"));

        MigrateResult down = sluice.rollback(1, Optional.empty(), MigrationListener.NONE);
        assertEquals(Optional.of(Version.parse("1")), down.after());
        assertTrue(sluice.repair().changes().isEmpty());

        TestDatabase adopted = db.another();
        adopted.execute("create table customers (id bigint primary key, email text not null)");
        Sluice existing = sluice(adopted, migrations);
        existing.baseline(Version.parse("1"), "adopted");
        assertEquals(Optional.of(Version.parse("1")), existing.status().current());
    }
}
