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
