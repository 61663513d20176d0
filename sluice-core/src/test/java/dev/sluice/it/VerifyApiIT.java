package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.postgres.ScratchSettings;
import dev.sluice.verify.VerifyCheck;
import dev.sluice.verify.VerifyReport;
import dev.sluice.verify.VerifyReportFormat;
import dev.sluice.verify.VerifyRequest;
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
 * The CI gate through the public API alone, as a build plugin runs it: no command-line class is on this
 * module's classpath. Scratch databases go to the test server as a development server, and are dropped.
 */
@ExtendWith(PostgresExtension.class)
class VerifyApiIT {

    @TempDir
    Path dir;

    private void migration(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations").resolve(name), text);
    }

    private VerifyReport verify(TestDatabase db, boolean checkTarget) throws Exception {
        JdbcConnectionFactory target = new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password());
        Sluice sluice = new Sluice(SluiceOptions.builder(target).source(new FileSystemMigrationSource(dir.resolve("migrations"))).build());
        ScratchSettings scratch = new ScratchSettings(Optional.of(db.jdbcUrl()), Optional.empty(), false,
                Optional.of(db.user()), Optional.ofNullable(db.password()).filter(p -> !p.isEmpty()));
        VerifyRequest defaults = VerifyRequest.of(dir);
        return sluice.verify(new VerifyRequest(dir, defaults.migrationsDir(), defaults.schemaFile(), defaults.seedFolder(), false,
                checkTarget, scratch, null));
    }

    @Test
    void aCleanProjectPassesEveryCheck(TestDatabase db) throws Exception {
        migration("V1__accounts.sql", "create table accounts (id bigint primary key, email text);\n");
        migration("U1__accounts.sql", "drop table accounts;\n");
        Files.writeString(dir.resolve("schema.sql"), "create table accounts (id bigint primary key, email text);\n");
        VerifyReport report = verify(db, true);
        assertTrue(report.passed(), report.toString());
        assertEquals(List.of("migration files", "lint", "checksums against the target", "V1 accounts [V1__accounts.sql]",
                "lock trace", "schema file schema.sql"), report.checks().stream().map(VerifyCheck::name).toList());
        assertTrue(report.checks().stream().allMatch(c -> c.status() == VerifyCheck.Status.PASSED), report.toString());
        assertTrue(report.scratchServer().endsWith("(PostgreSQL " + db.queryForLong("select current_setting('server_version_num')::int / 10000") + ")"),
                report.scratchServer());
        assertEquals(List.of(), db.queryForList("select datname from pg_database where datname like 'sluice\\_rehearse\\_"
                + ProcessHandle.current().pid() + "\\_%'"), "the scratch databases are dropped");
    }

    @Test
    void aDownThatForgetsAnIndexFailsAndTheJunitReportSaysWhich(TestDatabase db) throws Exception {
        migration("V1__accounts.sql", "create table accounts (id int primary key, email text);\n");
        migration("U1__accounts.sql", "drop table accounts;\n");
        migration("V2__email_index.sql", "create index concurrently if not exists accounts_email_idx on accounts (email);\n");
        migration("U2__email_index.sql", "select 1;\n");
        VerifyReport report = verify(db, false);
        assertFalse(report.passed());
        VerifyCheck v2 = report.checks().stream().filter(c -> c.name().startsWith("V2")).findFirst().orElseThrow();
        assertEquals(VerifyCheck.Status.FAILED, v2.status());
        assertTrue(v2.message().contains("does not restore the schema"), v2.message());
        assertEquals(VerifyCheck.Status.SKIPPED, report.checks().stream().filter(c -> c.name().startsWith("checksums"))
                .findFirst().orElseThrow().status());
        String junit = VerifyReportFormat.of(report).junit();
        assertTrue(junit.contains("<testcase classname=\"sluice.rehearsal\" name=\"V2 email index [V2__email_index.sql]\""), junit);
        assertTrue(junit.contains("<failure message=\""), junit);
    }

    @Test
    void brokenFilesStopTheGateBeforeAnyServerStarts(TestDatabase db) throws Exception {
        migration("V1__a.sql", "create table a (id int);\n");
        migration("V1__b.sql", "create table b (id int);\n");
        VerifyReport report = verify(db, false);
        assertFalse(report.passed());
        assertEquals(List.of("migration files"), report.checks().stream().map(VerifyCheck::name).toList());
        assertEquals("", report.scratchServer());
    }
}
