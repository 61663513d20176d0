package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sluice rewrite} end to end: dry run, rewrite, rollback, rewrite again, cleanup, and its refusals. */
@ExtendWith(PostgresExtension.class)
class RewriteCliIT {

    @TempDir
    Path dir;

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void rewriteRollbackRewriteCleanup(TestDatabase db) throws Exception {
        db.execute("create table orders (id integer primary key, total integer not null);"
                + " insert into orders select g, g from generate_series(1, 5000) g;");
        CliRun dry = sluice(db, "rewrite", "--table", "orders", "--alter", "ALTER COLUMN id TYPE bigint", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("ALTER TABLE ALTER COLUMN id TYPE bigint"), dry.out());
        assertEquals("integer", db.queryForString("select data_type from information_schema.columns where table_name = 'orders' and column_name = 'id'"));

        CliRun run = sluice(db, "rewrite", "--table", "orders", "--alter", "ALTER COLUMN id TYPE bigint", "--batch-size", "1000");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("copy public.orders: 5000 of about 5000 rows (100%)"), run.out());
        assertTrue(run.out().contains("the old table is kept as public._sluice_old_orders"), run.out());
        assertEquals("bigint", db.queryForString("select data_type from information_schema.columns where table_name = 'orders' and column_name = 'id'"));
        // the history table keeps its default name: --table named the table to rewrite
        assertEquals(1, db.queryForLong("select count(*) from pg_class where relname = 'sluice_rewrite'"));

        CliRun again = sluice(db, "rewrite", "--table", "orders", "--alter", "ALTER COLUMN id TYPE bigint");
        assertEquals(3, again.exitCode(), again.toString());
        assertTrue(again.err().contains("--cleanup"), again.toString());

        db.execute("insert into orders values (5001, 1)");
        CliRun back = sluice(db, "rewrite", "--table", "orders", "--rollback");
        assertEquals(0, back.exitCode(), back.toString());
        assertEquals("integer", db.queryForString("select data_type from information_schema.columns where table_name = 'orders' and column_name = 'id'"));
        assertEquals(5001, db.queryForLong("select count(*) from orders"));

        assertEquals(0, sluice(db, "rewrite", "--table", "orders", "--alter", "ALTER COLUMN total TYPE bigint").exitCode());
        CliRun cleanup = sluice(db, "rewrite", "--table", "orders", "--cleanup");
        assertEquals(0, cleanup.exitCode(), cleanup.toString());
        assertEquals(0, db.queryForLong("select count(*) from pg_class where relname like '\\_sluice\\_%'"));
        assertEquals(5001, db.queryForLong("select count(*) from orders"));
    }

    @Test
    void aRewriteMigrationFileThroughMigrateRollbackAndCleanup(TestDatabase db) throws Exception {
        Path migrations = java.nio.file.Files.createDirectories(dir.resolve("migrations"));
        java.nio.file.Files.writeString(migrations.resolve("V1__orders.sql"), "create table orders (id integer primary key, total integer not null);\n"
                + "insert into orders select g, g from generate_series(1, 2000) g;\n");
        java.nio.file.Files.writeString(migrations.resolve("V2__orders_id_bigint.sql"), "-- sluice:rewrite\nALTER TABLE orders ALTER COLUMN id TYPE bigint;\n");

        CliRun lint = sluice(db, "lint");
        assertEquals(0, lint.exitCode(), lint.toString());
        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("rewrote public.orders (ALTER COLUMN id TYPE bigint)"), migrate.out());
        assertTrue(migrate.out().contains("applied 2 migrations; database now at version 2"), migrate.out());
        assertTrue(migrate.out().contains("copy public.orders: 2000 of about 2000 rows (100%)"), migrate.out());
        assertEquals("bigint", db.queryForString("select data_type from information_schema.columns where table_name = 'orders' and column_name = 'id'"));

        CliRun direct = sluice(db, "rewrite", "--table", "orders", "--rollback");
        assertEquals(3, direct.exitCode(), direct.toString());
        assertTrue(direct.err().contains("'sluice rollback'"), direct.toString());

        CliRun rollback = sluice(db, "rollback");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertTrue(rollback.out().contains("rolled back 1 migration; database now at version 1"), rollback.out());
        assertEquals("integer", db.queryForString("select data_type from information_schema.columns where table_name = 'orders' and column_name = 'id'"));
        assertEquals(2000, db.queryForLong("select count(*) from orders"));

        assertEquals(0, sluice(db, "migrate").exitCode());
        assertEquals(0, sluice(db, "rewrite", "--table", "orders", "--cleanup").exitCode());
        CliRun refused = sluice(db, "rollback");
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("no longer kept"), refused.toString());
        CliRun status = sluice(db, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("V2__orders_id_bigint.sql") || status.out().contains("orders id bigint"), status.out());
    }

    @Test
    void aMissingTableOrActionIsAUsageError(TestDatabase db) {
        CliRun noTable = sluice(db, "rewrite", "--alter", "SET LOGGED");
        assertEquals(2, noTable.exitCode(), noTable.toString());
        assertTrue(noTable.err().contains("--table"), noTable.toString());
        CliRun noAction = sluice(db, "rewrite", "--table", "orders");
        assertEquals(2, noAction.exitCode(), noAction.toString());
        CliRun unknown = sluice(db, "rewrite", "--table", "nope", "--abort");
        assertEquals(3, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("no rewrite of public.nope is in progress"), unknown.toString());
    }
}
