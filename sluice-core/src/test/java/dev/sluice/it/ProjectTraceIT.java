package dev.sluice.it;

import dev.sluice.TraceReport;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.progress.Progress;
import dev.sluice.sql.LockMode;
import dev.sluice.it.javamigrations.V1__Create_accounts;
import dev.sluice.it.javamigrations.V2__Bad_down_validation;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.StatementTrace;
import dev.sluice.trace.TraceFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole project traced on a scratch database by the executor that migrate uses. */
@ExtendWith(PostgresExtension.class)
class ProjectTraceIT {

    @TempDir
    Path folder;

    @Test
    void alterTableInAnAutocommitMigrationShowsItsAccessExclusiveLock(TestDatabase db) throws Exception {
        MigrationProject project = new MigrationProject(folder, db)
                .file("V1__users.sql", "create table users (id int primary key);\n")
                .file("V2__fax.sql", "alter table users add column fax text;\n"
                        + "create index concurrently users_fax on users (fax);\n");
        List<MigrationTrace> traces = project.sluice().trace(scratch(db), Progress.NONE).migrations();
        MigrationTrace fax = traces.get(1);
        assertEquals("V2__fax.sql", fax.script());
        assertFalse(fax.transactional());
        StatementTrace alter = fax.statements().get(0);
        assertEquals(1, alter.line());
        assertTrue(alter.traced(), "the ALTER ran in a transaction of its own, whose locks are seen: " + alter);
        assertEquals(List.of(LockMode.ACCESS_EXCLUSIVE), alter.locks().stream()
                .filter(l -> l.relation().equals("public.users")).map(l -> l.mode()).toList(), alter.locks().toString());
        StatementTrace index = fax.statements().get(1);
        assertFalse(index.traced(), "a concurrent build runs outside any transaction: " + index);
        assertEquals(List.of("index public.users_fax"), index.created());
        assertTrue(traces.stream().flatMap(t -> t.statements().stream()).flatMap(t -> t.locks().stream())
                .noneMatch(l -> l.relation().contains("sluice_history")), "the history writes are not the migrations' locks");
    }

    @Test
    void javaMigrationIsTracedInItsTransaction(TestDatabase db) throws Exception {
        MigrationProject project = new MigrationProject(folder, db).java(V1__Create_accounts.class, V2__Bad_down_validation.class);
        List<MigrationTrace> traces = project.sluice().trace(scratch(db), Progress.NONE).migrations();
        MigrationTrace drop = traces.get(1);
        assertTrue(drop.transactional());
        StatementTrace performed = drop.statements().get(0);
        assertEquals(0, performed.line());
        assertEquals(List.of(LockMode.ACCESS_EXCLUSIVE), performed.locks().stream()
                .filter(l -> l.relation().equals("public.accounts")).map(l -> l.mode()).toList(), performed.locks().toString());
    }

    @Test
    void failureNamesTheFileAndLineAndWhatTheServerSaid(TestDatabase db) throws Exception {
        MigrationProject project = new MigrationProject(folder, db)
                .file("V1__users.sql", "create table users (id int primary key);\nalter table nowhere add column a int;\n");
        TraceFailedException e = assertThrows(TraceFailedException.class, () -> project.sluice().trace(scratch(db), Progress.NONE));
        assertTrue(e.getMessage().startsWith("V1__users.sql:2: failed on the scratch database: "), e.getMessage());
        assertTrue(e.getMessage().contains("[SQLSTATE 42P01]"), e.getMessage());
    }

    @Test
    void onlineChangesAndRewritesRunUntracedAndTheMigrationsAfterThemAreTracedOnWhatTheyLeave(TestDatabase db) throws Exception {
        MigrationProject project = new MigrationProject(folder, db)
                .file("V1__users.sql", "create table users (id int primary key, name text);\n")
                .file("V2__rename.yaml", "operations:\n  - rename_column: {table: users, from: name, to: full_name}\n")
                .file("V3__id_bigint.sql", "-- sluice:rewrite\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n")
                .file("V4__nick.sql", "alter table users add column nick text;\ncreate index users_full_name on users (full_name);\n");
        TraceReport report = project.sluice().trace(scratch(db), Progress.NONE);
        assertEquals(List.of("V2__rename.yaml", "V3__id_bigint.sql"), report.untraced());
        assertEquals(List.of("V1__users.sql", "V4__nick.sql"), report.migrations().stream().map(MigrationTrace::script).toList());
        StatementTrace index = report.migrations().get(1).statements().get(1);
        assertEquals(List.of("index public.users_full_name"), index.created(), "V4 ran on the renamed column: " + index);
        assertEquals("bigint", db.queryForString("select data_type from information_schema.columns"
                + " where table_name = 'users' and column_name = 'id'"), "the rewrite ran");
    }

    private static JdbcConnectionFactory scratch(TestDatabase db) {
        return new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password());
    }
}
