package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.postgres.ScratchSettings;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.Verdict;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import dev.sluice.verify.VerifyCheck;
import dev.sluice.verify.VerifyReport;
import dev.sluice.verify.VerifyRequest;
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
 * {@code rehearse} and {@code verify} run each online migration as start, rollback (the schema before start
 * must come back), start and complete (the schema must be the plain migration's), on real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class OnlineRehearsalIT {

    @TempDir
    Path dir;

    static final String USERS = "create table users (id bigserial primary key, email text not null, name text, amount integer default 0);\n"
            + "insert into users (email, name, amount) select 'u' || g || '@example.com', case when g % 3 = 0 then null else 'n' || g end, g"
            + " from generate_series(1, 500) g;\n";
    static final String UNDO_USERS = "drop table users;\n";
    static final String EVERY_KIND = """
            operations:
              - rename_column: {table: users, from: email, to: email_address}
              - change_column_type: {table: users, column: amount, type: bigint, up: amount::bigint, down: amount::integer}
              - set_not_null: {table: users, column: name, up: "coalesce(name, 'anonymous')"}
              - add_column: {table: users, column: domain, type: text, up: "split_part(email, '@', 2)"}
              - create_index: {table: users, name: users_domain_idx, columns: [lower(email)]}
              - add_check: {table: users, name: users_id_positive, check: "id > 0"}
            """;
    static final String ONLINE_SQL = """
            -- sluice:online
            ALTER TABLE users RENAME TO customers;
            """;

    private void migration(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations").resolve(name), text);
    }

    private RehearsalReport rehearse(TestDatabase scratch) throws Exception {
        JdbcConnectionFactory db = new JdbcConnectionFactory(scratch.jdbcUrl(), scratch.user(), scratch.password());
        return new Sluice(SluiceOptions.builder(db).source(new FileSystemMigrationSource(dir.resolve("migrations"))).build())
                .rehearse(db, Optional.empty(), false, Progress.NONE);
    }

    @Test
    void onlineMigrationsPassStartRollbackStartCompleteAndMatchThePlainMigration(TestDatabase db) throws Exception {
        migration("V1__users.sql", USERS);
        migration("U1__users.sql", UNDO_USERS);
        migration("V2__reshape_users.yaml", EVERY_KIND);
        migration("V3__customers.sql", ONLINE_SQL);
        migration("V4__notes.sql", "create table notes (id int primary key, customer_id bigint references customers);\n");
        migration("U4__notes.sql", "drop table notes;\n");
        RehearsalReport r = rehearse(db);
        assertTrue(r.passed(), r.toString());
        assertEquals(List.of(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED, Verdict.PASSED),
                r.migrations().stream().map(MigrationRehearsal::verdict).toList(), r.toString());
        assertEquals(500L, db.queryForLong("select count(*) from customers where name is not null and domain = 'example.com'"),
                "the scratch database ends completed, with the backfill's values");
        assertEquals("bigint", db.queryForString("select data_type from information_schema.columns"
                + " where table_name = 'customers' and column_name = 'amount'"));
    }

    @Test
    void aRollbackThatLeavesSomethingBehindIsReported(TestDatabase db) throws Exception {
        migration("V1__users.sql", USERS);
        migration("U1__users.sql", UNDO_USERS);
        migration("V2__nickname.yaml", """
                operations:
                  - raw_sql:
                      up: |
                        alter table users add column nickname text;
                        create table audit (id bigserial primary key, note text);
                      down: drop table audit
                """);
        RehearsalReport r = rehearse(db);
        assertFalse(r.passed());
        MigrationRehearsal v2 = r.migrations().get(1);
        assertEquals(Verdict.FAILED, v2.verdict());
        String problems = String.join("\n", v2.problems());
        assertTrue(problems.startsWith("the rollback does not restore the schema; after start and rollback, compared with before the start:"),
                problems);
        assertTrue(problems.contains("nickname"), problems);
        assertTrue(problems.contains("start failed again after the rollback: "), "the column left behind breaks the second start: " + problems);
    }

    @Test
    void aCompleteThatGivesAnotherSchemaThanThePlainMigrationIsReported(TestDatabase db) throws Exception {
        migration("V1__users.sql", USERS);
        migration("U1__users.sql", UNDO_USERS);
        // on_complete adds a column only when it runs in the transaction that created the table: the plain
        // migration runs up and on_complete in one transaction, start and complete in two.
        migration("V2__marks.yaml", """
                operations:
                  - raw_sql:
                      up: create table marks (id int primary key)
                      down: drop table marks
                      on_complete: |
                        do $$
                        begin
                          if (select xmin::text::bigint from pg_class where oid = 'marks'::regclass) = txid_current() % 4294967296 then
                            alter table marks add column same_transaction boolean;
                          end if;
                        end
                        $$
                """);
        MigrationRehearsal v2 = rehearse(db).migrations().get(1);
        assertEquals(Verdict.FAILED, v2.verdict());
        String problems = String.join("\n", v2.problems());
        assertTrue(problems.startsWith("complete gives another schema than the plain migration; compared with the plain one:"), problems);
        assertTrue(problems.contains("same_transaction"), problems);
    }

    @Test
    void aCheckOnTheColumnTheChangeReplacesIsRefusedBeforeStart(TestDatabase db) throws Exception {
        migration("V1__users.sql", USERS);
        migration("U1__users.sql", UNDO_USERS);
        // The check would go on the physical column that complete then replaces by the new type's copy, and
        // complete would drop it with that column; the plain migration keeps it.
        migration("V2__amount.yaml", """
                operations:
                  - change_column_type: {table: users, column: amount, type: bigint, up: amount::bigint, down: amount::integer}
                  - add_check: {table: users, name: users_amount_positive, check: "amount >= 0"}
                """);
        MigrationRehearsal v2 = rehearse(db).migrations().get(1);
        assertEquals(Verdict.FAILED, v2.verdict());
        assertEquals(List.of("start failed: V2__amount.yaml: operation 2 (add_check users_amount_positive) uses public.users.amount,"
                + " which change_column_type in this migration replaces: complete drops that column and PostgreSQL drops the constraint"
                + " with it. Move this operation to a migration after this one completes"), v2.problems());
    }

    private VerifyReport verify(TestDatabase db) throws Exception {
        JdbcConnectionFactory target = new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password());
        Sluice sluice = new Sluice(SluiceOptions.builder(target).source(new FileSystemMigrationSource(dir.resolve("migrations"))).build());
        ScratchSettings scratch = new ScratchSettings(Optional.of(db.jdbcUrl()), Optional.empty(), false,
                Optional.of(db.user()), Optional.ofNullable(db.password()).filter(p -> !p.isEmpty()));
        VerifyRequest defaults = VerifyRequest.of(dir);
        return sluice.verify(new VerifyRequest(dir, defaults.migrationsDir(), defaults.schemaFile(), defaults.seedFolder(), false,
                false, scratch, null));
    }

    @Test
    void verifyRehearsesOnlineMigrationsAndTracesThePlainOnesAroundThem(TestDatabase db) throws Exception {
        migration("V1__users.sql", USERS);
        migration("U1__users.sql", UNDO_USERS);
        migration("V2__reshape_users.yaml", EVERY_KIND);
        VerifyReport report = verify(db);
        VerifyCheck v2 = report.checks().stream().filter(c -> c.name().startsWith("V2")).findFirst().orElseThrow();
        assertEquals(VerifyCheck.Status.PASSED, v2.status(), report.toString());
        VerifyCheck trace = report.checks().stream().filter(c -> c.name().equals("lock trace")).findFirst().orElseThrow();
        assertEquals(VerifyCheck.Status.PASSED, trace.status(), trace.toString());
        assertTrue(trace.message().endsWith("; ran untraced, through their own runners: V2__reshape_users.yaml"
                + " (docs/online.md and docs/rewrite.md list their locks)"), trace.message());

        migration("V3__nickname.yaml", "operations:\n  - raw_sql: {up: alter table users add column nickname text, down: select 1}\n");
        VerifyReport failing = verify(db);
        assertFalse(failing.passed());
        VerifyCheck v3 = failing.checks().stream().filter(c -> c.name().startsWith("V3")).findFirst().orElseThrow();
        assertEquals(VerifyCheck.Status.FAILED, v3.status());
        assertTrue(v3.message().startsWith("the rollback does not restore the schema"), v3.message());
    }
}
