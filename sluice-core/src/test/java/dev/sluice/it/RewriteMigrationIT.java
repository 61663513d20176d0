package dev.sluice.it;

import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationStatus;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.VersionState;
import dev.sluice.lint.Finding;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;
import dev.sluice.rewrite.RewriteException;
import dev.sluice.rewrite.RewritePhase;
import dev.sluice.rewrite.RewriteListener;
import dev.sluice.rewrite.RewriteResult;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code -- sluice:rewrite} migration file run by migrate and rollback against a real server: the key of a
 * referenced table goes from integer to bigint through the shadow-table rewrite, is swapped back by rollback
 * while the old table is kept, and can no longer be rolled back once cleaned up.
 */
@ExtendWith(PostgresExtension.class)
class RewriteMigrationIT {

    static final String V1 = "create table accounts (id integer primary key, name text not null);\n"
            + "insert into accounts select g, 'account ' || g from generate_series(1, 3000) g;\n"
            + "create table payments (id serial primary key, account_id integer not null references accounts (id));\n"
            + "insert into payments (account_id) select g from generate_series(1, 3000, 7) g;\n";

    static final String V2 = "-- sluice:rewrite\n"
            + "-- the key outgrows integer; a plain ALTER would rewrite accounts and payments' index under ACCESS EXCLUSIVE\n"
            + "ALTER TABLE accounts ALTER COLUMN id TYPE bigint;\n";

    @TempDir
    Path folder;

    @TempDir
    Path plain;

    @Test
    void migrateRewritesRollbackSwapsBackAndCleanupEndsTheWayBack(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__accounts.sql", V1).file("V2__accounts_id_bigint.sql", V2).sluice();

        assertEquals(MigrationType.REWRITE, sluice.catalog().find(Version.parse("2")).orElseThrow().type());
        assertTrue(sluice.validateFiles().problems().isEmpty(), () -> sluice.validateFiles().problems().toString());

        MigrateResult applied = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(Optional.of(Version.parse("2")), applied.after());
        assertEquals(1, applied.rewrites().size());
        assertEquals(RewritePhase.SWAPPED, applied.rewrites().get(0).phase());
        assertEquals("bigint", keyType(db));
        assertEquals(3000, db.queryForLong("select count(*) from accounts"));
        assertEquals(3000L * 3001 / 2, db.queryForLong("select sum(id) from accounts"));
        assertForeignKeyValidAndOnAccounts(db);
        assertEquals(VersionState.APPLIED, state(sluice.status(), "2"));
        assertEquals("REWRITE", db.queryForString("select type from sluice_history where version = '2' and state = 'APPLIED'"));
        List<RewriteResult> kept = sluice.rewritesInProgress();
        assertEquals(1, kept.size());
        assertEquals(RewritePhase.SWAPPED, kept.get(0).phase());
        var validated = sluice.validate();
        assertTrue(validated.historyProblems().isEmpty() && validated.fileProblems().isEmpty(), validated::toString);

        RewriteException direct = assertThrows(RewriteException.class, () -> sluice.rollbackRewrite("accounts", RewriteListener.NONE));
        assertTrue(direct.getMessage().contains("'sluice rollback'"), direct.getMessage());
        assertEquals("bigint", keyType(db));

        // Writes after the swap must survive the swap back.
        db.execute("insert into accounts values (3001, 'late'); delete from payments where account_id = 1; delete from accounts where id = 1");

        MigrateResult rolledBack = sluice.rollback(1, Optional.empty(), MigrationListener.NONE);
        assertEquals(Optional.of(Version.parse("1")), rolledBack.after());
        assertEquals(RewritePhase.ROLLED_BACK, rolledBack.rewrites().get(0).phase());
        assertEquals("integer", keyType(db));
        assertEquals(3000, db.queryForLong("select count(*) from accounts"));
        assertEquals(1, db.queryForLong("select count(*) from accounts where id = 3001"));
        assertEquals(0, db.queryForLong("select count(*) from accounts where id = 1"));
        assertForeignKeyValidAndOnAccounts(db);
        assertEquals(VersionState.PENDING, state(sluice.status(), "2"));
        assertTrue(sluice.rewritesInProgress().isEmpty());
        assertEquals(1, db.queryForLong("select count(*) from sluice_history where version = '2' and type = 'UNDO'"));

        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals("bigint", keyType(db));
        assertEquals(3000, db.queryForLong("select count(*) from accounts"));
        assertForeignKeyValidAndOnAccounts(db);

        assertEquals(RewritePhase.CLEANED_UP, sluice.cleanupRewrite("accounts", RewriteListener.NONE).phase());
        assertEquals(0, db.queryForLong("select count(*) from pg_class where relname like '\\_sluice\\_old\\_%'"));
        RewriteException refused = assertThrows(RewriteException.class,
                () -> sluice.rollback(1, Optional.empty(), MigrationListener.NONE));
        assertTrue(refused.getMessage().contains("V2__accounts_id_bigint.sql") && refused.getMessage().contains("--cleanup"),
                refused.getMessage());
        assertEquals(VersionState.APPLIED, state(sluice.status(), "2"));
        assertEquals("bigint", keyType(db));
    }

    @Test
    void rehearsalRunsTheRewriteUpDownAndUpAgain(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__accounts.sql", V1).file("U1__accounts.sql", "drop table payments; drop table accounts;")
                .file("V2__accounts_id_bigint.sql", V2).sluice();
        var report = sluice.rehearse(new dev.sluice.db.JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()),
                Optional.empty(), true, dev.sluice.progress.Progress.NONE);
        assertTrue(report.passed(), report::toString);
        assertEquals(2, report.migrations().size(), report::toString);
    }

    @Test
    void driftRebuildMatchesTheTargetBeforeAndAfterCleanup(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__accounts.sql", V1).file("V2__accounts_id_bigint.sql", V2).sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        var kept = sluice.driftAgainstRebuild(false, false, factory(db.another()));
        assertFalse(kept.drifted(), kept::toString);
        sluice.cleanupRewrite("accounts", RewriteListener.NONE);
        var cleaned = sluice.driftAgainstRebuild(false, false, factory(db.another()));
        assertFalse(cleaned.drifted(), cleaned::toString);
        db.execute("alter table accounts add column note text");
        assertTrue(sluice.driftAgainstRebuild(false, false, factory(db.another())).drifted());
    }

    private static dev.sluice.db.JdbcConnectionFactory factory(TestDatabase d) {
        return new dev.sluice.db.JdbcConnectionFactory(d.jdbcUrl(), d.user(), d.password());
    }

    @Test
    void lintPassesOverTheRewriteFileButNotOverThePlainAlter(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__accounts.sql", V1).file("V2__accounts_id_bigint.sql", V2).sluice();
        List<Finding> rewriteFindings = sluice.lint(List.of(folder)).findings().stream()
                .filter(f -> f.file().contains("V2__")).toList();
        assertEquals(List.of(), rewriteFindings);

        Files.writeString(plain.resolve("V1__accounts.sql"), V1);
        Files.writeString(plain.resolve("V2__accounts_id_bigint.sql"), V2.replace("-- sluice:rewrite\n", ""));
        List<Finding> plainFindings = sluice.lint(List.of(plain)).findings().stream()
                .filter(f -> f.file().contains("V2__")).toList();
        assertFalse(plainFindings.isEmpty(), "the same ALTER without the header should be reported");
    }

    @Test
    void anythingButOneAlterTableIsRefusedWithFileAndLine(TestDatabase db) throws Exception {
        MigrationProject project = new MigrationProject(folder, db).file("V1__accounts.sql", V1)
                .file("V2__two.sql", "-- sluice:rewrite\nALTER TABLE accounts ALTER COLUMN id TYPE bigint;\nALTER TABLE payments SET LOGGED;\n")
                .file("V3__index.sql", "-- sluice:rewrite\n\ncreate index on accounts (name);\n")
                .file("V4__directive.sql", "-- sluice:rewrite\n-- sluice:lock-timeout 5s\nALTER TABLE payments SET LOGGED;\n")
                .file("V5__logged.sql", "-- sluice:rewrite\nALTER TABLE payments SET LOGGED;\n")
                .file("U5__logged.sql", "ALTER TABLE payments SET UNLOGGED;\n");
        List<MigrationProblem> problems = project.sluice().validateFiles().problems();
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("V2__two.sql") && p.line() == 3
                && p.message().contains("exactly one")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("V3__index.sql") && p.line() == 3
                && p.message().contains("not an ALTER TABLE")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("V4__directive.sql") && p.line() == 2), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("U5__logged.sql") && p.message().contains("remove this U file")),
                problems::toString);
        assertEquals(4, problems.size(), problems::toString);
    }

    private static String keyType(TestDatabase db) throws SQLException {
        return db.queryForString("select data_type from information_schema.columns where table_name = 'accounts' and column_name = 'id'"
                + " and table_schema = current_schema()");
    }

    private static void assertForeignKeyValidAndOnAccounts(TestDatabase db) throws SQLException {
        assertEquals(1, db.queryForLong("select count(*) from pg_constraint where contype = 'f' and conrelid = 'payments'::regclass"
                + " and confrelid = 'accounts'::regclass and convalidated"));
        assertEquals(0, db.queryForLong("select count(*) from payments p left join accounts a on a.id = p.account_id where a.id is null"));
    }

    private static VersionState state(ProjectStatus status, String version) {
        return status.entries().stream().filter(e -> e.version().equals(Optional.of(Version.parse(version))))
                .map(MigrationStatus::state).findFirst().orElseThrow();
    }
}
