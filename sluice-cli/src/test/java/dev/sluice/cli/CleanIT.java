package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sluice clean}: development databases only, and then everything of the schema in one go. */
@ExtendWith(PostgresExtension.class)
class CleanIT {

    @TempDir
    Path dir;

    private static final String OBJECTS = "select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public')"
            + " + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public')"
            + " + (select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'public')"
            + " + (select count(*) from pg_namespace where nspname like 'sluice\\_v%')";

    private CliRun run(TestDatabase db, Map<String, String> extra, String... args) {
        Map<String, String> env = CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", db.password());
        env.putAll(extra);
        String[] all = new String[args.length + 2];
        all[0] = "--dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }

    private void project() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__shop.sql"), """
                create type order_state as enum ('new', 'paid');
                create domain positive as bigint check (value > 0);
                create type money_pair as (amount numeric, currency text);
                create table customers (id bigint generated always as identity primary key, email text not null);
                create table orders (id bigint primary key, customer_id bigint references customers, state order_state, qty positive);
                create table events (id bigint, at date not null) partition by range (at);
                create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
                create sequence invoice_numbers;
                create view paid_orders as select * from orders where state = 'paid';
                create materialized view order_counts as select customer_id, count(*) from orders group by customer_id;
                create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
                create trigger orders_touch before update on orders for each row execute function touch();
                create procedure noop() language sql as $$ select 1 $$;
                create aggregate sum_all (bigint) (sfunc = int8pl, stype = bigint);
                """);
        Files.writeString(migrations.resolve("U1__shop.sql"), "drop table orders, customers, events cascade;\n");
    }

    @Test
    void aConfiguredDatabaseIsRefusedUnlessCleanIsEnabled(TestDatabase db) throws Exception {
        project();
        assertEquals(0, run(db, Map.of(), "migrate").exitCode());
        CliRun refused = run(db, Map.of(), "clean");
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("is not the embedded database") && refused.err().contains("clean.enabled = true"), refused.err());
        assertTrue(db.queryForBoolean("select to_regclass('orders') is not null"), "nothing may be dropped");
    }

    @Test
    void aProductionProfileIsRefusedEvenWhenCleanIsEnabled(TestDatabase db) throws Exception {
        project();
        assertEquals(0, run(db, Map.of(), "migrate").exitCode());
        Files.writeString(dir.resolve("sluice.conf"), "clean.enabled = true\nprofile = Production\n");
        CliRun refused = run(db, Map.of(), "clean");
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("the profile is 'Production', a production profile"), refused.err());
        CliRun fromEnv = run(db, Map.of("SLUICE_PROFILE", "prod"), "clean", "--dry-run");
        assertEquals(ExitCodes.USAGE, fromEnv.exitCode(), fromEnv.toString());
        assertTrue(db.queryForBoolean("select to_regclass('orders') is not null"));
    }

    @Test
    void enabledItDropsEveryObjectOfTheSchemaAndMigrateRebuildsIt(TestDatabase db) throws Exception {
        project();
        assertEquals(0, run(db, Map.of(), "migrate").exitCode());
        db.execute("create schema sluice_v9_rename");
        db.execute("create view sluice_v9_rename.customers as select * from public.customers");
        long before = db.queryForLong(OBJECTS);
        Map<String, String> enabled = Map.of("SLUICE_CLEAN_ENABLED", "true");

        CliRun dryRun = run(db, enabled, "clean", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        assertTrue(dryRun.out().contains("would run: drop table if exists public.orders cascade;"), dryRun.out());
        assertTrue(dryRun.out().contains("drop schema if exists sluice_v9_rename cascade"), dryRun.out());
        assertEquals(before, db.queryForLong(OBJECTS), "a dry run drops nothing");

        CliRun clean = run(db, enabled, "clean");
        assertEquals(0, clean.exitCode(), clean.toString());
        assertTrue(clean.out().contains("cleaned schema public"), clean.out());
        assertEquals(0, db.queryForLong(OBJECTS), "everything of the schema is gone");
        assertTrue(db.queryForBoolean("select has_schema_privilege('public', 'usage')"), "the schema itself stays");

        CliRun again = run(db, enabled, "clean");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("it was already empty"), again.out());
        CliRun migrate = run(db, Map.of(), "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(db.queryForBoolean("select to_regclass('orders') is not null"));
    }

    @Test
    void theEmbeddedDatabaseIsCleanedWithoutSettings() throws Exception {
        project();
        assertEquals(0, CliRun.run("--dir", dir.toString(), "migrate").exitCode());
        CliRun clean = CliRun.run("--dir", dir.toString(), "clean");
        assertEquals(0, clean.exitCode(), clean.toString());
        CliRun status = CliRun.run("--dir", dir.toString(), "status");
        assertTrue(status.out().contains("PENDING"), status.out());
        assertFalse(status.out().contains("APPLIED"), status.out());
    }
}
