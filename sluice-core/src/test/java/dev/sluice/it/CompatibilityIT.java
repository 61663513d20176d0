package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.Rehearsal;
import dev.sluice.testing.InstalledPostgres;
import dev.sluice.sql.LockMode;
import dev.sluice.trace.internal.LockTracer;
import dev.sluice.trace.MigrationTrace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compatibility slice: the whole suite runs on the bundled PostgreSQL 17; this runs the core life
 * cycle (migrate, rollback, concurrent index, rehearsal, lock trace, fingerprint) on the installed
 * PostgreSQL (15 from Debian in CI), whose catalogs and deparsing differ.
 */
class CompatibilityIT {

    static PostgresCluster cluster;
    static int counter;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        cluster = PostgresCluster.startThrowaway(InstalledPostgres.binaries());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JdbcConnectionFactory newDatabase() {
        String name = "compat_" + (++counter);
        cluster.createDatabase(name);
        return new JdbcConnectionFactory(cluster.jdbcUrl(name), cluster.user(), null);
    }

    private void project() throws Exception {
        Files.writeString(folder.resolve("V1__accounts.sql"), "create table accounts (id bigint generated always as identity "
                + "primary key, email text not null);\n-- sluice:validate\nselect count(*) = 0 from accounts;\n");
        Files.writeString(folder.resolve("U1__accounts.sql"), "drop table accounts;\n");
        Files.writeString(folder.resolve("V2__email_index.sql"),
                "create index concurrently if not exists accounts_email_idx on accounts (email);\n");
        Files.writeString(folder.resolve("U2__email_index.sql"), "drop index concurrently if exists accounts_email_idx;\n");
        Files.writeString(folder.resolve("V3__status.sql"), "alter table accounts add column status text not null default 'new';\n");
        Files.writeString(folder.resolve("U3__status.sql"), "alter table accounts drop column status;\n");
    }

    @Test
    void migrateRollbackAndMigrateAgainWithAFingerprint() throws Exception {
        project();
        JdbcConnectionFactory db = newDatabase();
        Sluice sluice = new Sluice(SluiceOptions.builder(db).source(new FileSystemMigrationSource(folder)).build());
        assertEquals(3, sluice.migrate(Optional.empty(), MigrationListener.NONE).steps().size());
        assertEquals(Optional.of(sluice.snapshot().fingerprint()), sluice.history().get(2).fingerprint());
        assertFalse(sluice.driftAgainstHistory().drifted());
        sluice.rollback(3, Optional.empty(), MigrationListener.NONE);
        assertTrue(sluice.status().current().isEmpty());
        assertEquals(3, sluice.migrate(Optional.empty(), MigrationListener.NONE).steps().size());
        try (Connection c = db.open(); var s = c.createStatement();
             var rs = s.executeQuery("select indisvalid from pg_index where indexrelid = 'accounts_email_idx'::regclass")) {
            assertTrue(rs.next() && rs.getBoolean(1));
        }
    }

    @Test
    void rehearsalPasses() throws Exception {
        project();
        JdbcConnectionFactory db = newDatabase();
        SluiceOptions options = SluiceOptions.builder(db).source(new FileSystemMigrationSource(folder)).build();
        var report = new Sluice(options).rehearse(db, Optional.empty(), true, Progress.NONE);
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void lockTraceSeesTheSameLocks() throws Exception {
        JdbcConnectionFactory db = newDatabase();
        try (Connection c = db.open()) {
            c.createStatement().execute("create table accounts (id int primary key, n int)");
            Files.writeString(folder.resolve("V9__t.sql"), "alter table accounts alter column n type bigint;\n");
            MigrationTrace t = new Sluice(SluiceOptions.builder(db).source(new FileSystemMigrationSource(folder)).build())
                    .trace(db, Progress.NONE).migrations().get(0);
            assertEquals(LockMode.ACCESS_EXCLUSIVE, t.statements().get(0).locks().stream()
                    .filter(l -> l.relation().equals("public.accounts")).findFirst().orElseThrow().mode());
            assertEquals(LockTracer.COLUMN_TYPE_REWRITE, t.findings().get(0).rule());
        }
    }
}
