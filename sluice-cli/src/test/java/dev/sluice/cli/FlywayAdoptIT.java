package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Flyway project in a Maven layout, half applied by Flyway itself (its history table and rows exactly as it
 * writes them), then adopted: the guard before, the refusal of an edited file, the dry run, the adoption,
 * and afterwards migrate, rollback and migrate again on the files in place, ending with the schema psql
 * builds from the same files.
 */
@ExtendWith(PostgresExtension.class)
class FlywayAdoptIT {

    @TempDir
    Path dir;

    private static final Map<String, String> FILES = new java.util.LinkedHashMap<>();

    static {
        FILES.put("V1__create_customers.sql", "create table customers (\n  id bigint generated always as identity primary key,\n"
                + "  email text not null,\n  created_at timestamptz not null default now()\n);\n");
        FILES.put("U1__create_customers.sql", "drop table customers;\n");
        FILES.put("V2__create_orders.sql", "create table orders (\n  id bigint generated always as identity primary key,\n"
                + "  customer_id bigint not null references customers (id),\n  total_cents bigint not null\n);\r\n");
        FILES.put("U2__create_orders.sql", "drop table orders;\n");
        FILES.put("V3__add_customer_name.sql", "\uFEFFalter table customers add column name text;\n");
        FILES.put("U3__add_customer_name.sql", "alter table customers drop column name;\n");
        FILES.put("V4__index_orders_customer.sql", "create index orders_customer_idx on orders (customer_id);\n");
        FILES.put("U4__index_orders_customer.sql", "drop index orders_customer_idx;\n");
        FILES.put("V5__create_products.sql", "create table products (\n  id bigint generated always as identity primary key,\n"
                + "  sku text not null unique,\n  price_cents bigint not null\n);\n");
        FILES.put("U5__create_products.sql", "drop table products;\n");
        FILES.put("V6__create_order_items.sql", "create table order_items (\n  order_id bigint not null references orders (id),\n"
                + "  product_id bigint not null references products (id),\n  quantity integer not null,\n"
                + "  primary key (order_id, product_id)\n);\n");
        FILES.put("U6__create_order_items.sql", "drop table order_items;\n");
        FILES.put("V7__add_order_note.sql", "alter table orders add column note text;\n");
        FILES.put("U7__add_order_note.sql", "-- sluice:ignore drop-column the column V7 added, empty until it is released\n"
                + "alter table orders drop column note;\n");
        FILES.put("V8__create_customer_email_index.sql", "create unique index concurrently customers_email_idx on customers (email);\n");
        FILES.put("U8__create_customer_email_index.sql", "drop index concurrently customers_email_idx;\n");
        FILES.put("R__customer_totals.sql", "create or replace view customer_totals as\n"
                + "select c.id, c.email, coalesce(sum(o.total_cents), 0) as total_cents\n"
                + "from customers c left join orders o on o.customer_id = c.id group by c.id, c.email;\n");
    }

    private Path folder() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        Path folder = Files.createDirectories(dir.resolve("src/main/resources/db/migration"));
        for (Map.Entry<String, String> f : FILES.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        return folder;
    }

    private static Flyway flyway(TestDatabase db, Path folder, String target) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + folder).target(target).installedBy("flyway-ci").load();
    }

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void aProjectHalfMigratedByFlywayIsAdoptedAndMigratedOnInPlace(TestDatabase db) throws Exception {
        Path folder = folder();
        flyway(db, folder, "4").migrate();
        db.execute("insert into customers (email, name) values ('a@example.com', 'A')");
        db.execute("insert into orders (customer_id, total_cents) values (1, 1250)");
        assertEquals(5L, db.queryForLong("select count(*) from flyway_schema_history where success"), "V1-V4 and R, by Flyway");

        CliRun status = sluice(db, "status");
        assertEquals(ExitCodes.INVALID, status.exitCode(), status.toString());
        assertTrue(status.err().contains("this database is managed by Flyway: run 'sluice adopt --from flyway'"), status.err());
        assertFalse(status.out().contains("PENDING"), status.out());
        CliRun migrate = sluice(db, "migrate");
        assertEquals(ExitCodes.INVALID, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.err().contains("managed by Flyway"), migrate.err());
        assertFalse(migrate.err().contains("already exists"), migrate.err());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"), "a refused migrate writes nothing");
        CliRun doctor = sluice(db, "doctor");
        assertEquals(ExitCodes.CHECK_FAILED, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().contains("this database is managed by Flyway: run 'sluice adopt --from flyway'"), doctor.out());
        assertFalse(doctor.out().contains("files and history agree"), doctor.out());

        String v2 = FILES.get("V2__create_orders.sql");
        Files.writeString(folder.resolve("V2__create_orders.sql"), v2.replace("total_cents bigint", "total_cents numeric"));
        Files.delete(folder.resolve("V3__add_customer_name.sql"));
        Files.delete(folder.resolve("U3__add_customer_name.sql"));
        CliRun edited = sluice(db, "adopt", "--from", "flyway");
        assertEquals(ExitCodes.INVALID, edited.exitCode(), edited.toString());
        assertTrue(edited.err().contains("V2__create_orders.sql: differs from what Flyway applied"), edited.err());
        assertTrue(edited.err().contains("V3 add customer name (V3__add_customer_name.sql): applied by Flyway, but no file"),
                edited.err());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"), "a refused adoption records nothing");
        Files.writeString(folder.resolve("V2__create_orders.sql"), v2);
        Files.writeString(folder.resolve("V3__add_customer_name.sql"), FILES.get("V3__add_customer_name.sql"));
        Files.writeString(folder.resolve("U3__add_customer_name.sql"), FILES.get("U3__add_customer_name.sql"));

        CliRun dry = sluice(db, "adopt", "--from", "flyway", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("would record in public.sluice_history what Flyway applied (public.flyway_schema_history)"),
                dry.out());
        for (String script : List.of("V1__create_customers.sql", "V2__create_orders.sql", "V3__add_customer_name.sql",
                "V4__index_orders_customer.sql", "R__customer_totals.sql")) {
            assertTrue(dry.out().contains(script), script + " in " + dry.out());
        }
        assertFalse(dry.out().contains("V5__create_products.sql"), dry.out());
        assertTrue(dry.out().contains("Flyway's marker of the schemas") || !dry.out().contains("note:"), dry.out());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"), "a dry run records nothing");

        CliRun adopt = sluice(db, "adopt", "--from", "flyway");
        assertEquals(0, adopt.exitCode(), adopt.toString());
        assertTrue(adopt.out().contains("adopted 5 migrations"), adopt.out());
        assertEquals(5L, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED' and installed_by = 'flyway-ci'"));
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where type = 'REPEATABLE'"));
        assertEquals(5L, db.queryForLong("select count(*) from flyway_schema_history"), "Flyway's table is read, never written");
        assertEquals(ExitCodes.INVALID, sluice(db, "adopt", "--from", "flyway").exitCode(), "a second adoption is refused");

        CliRun adopted = sluice(db, "status");
        assertEquals(0, adopted.exitCode(), adopted.toString());
        assertTrue(adopted.out().contains("current version: 4; pending: 4"), adopted.out());
        CliRun validate = sluice(db, "validate");
        assertEquals(0, validate.exitCode(), validate.toString());

        CliRun rest = sluice(db, "migrate");
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("database now at version 8"), rest.out());
        CliRun back = sluice(db, "rollback", "--steps", "2");
        assertEquals(0, back.exitCode(), back.toString());
        assertFalse(db.queryForBoolean("select to_regclass('customers_email_idx') is not null"));
        assertTrue(sluice(db, "status").out().contains("current version: 6"));
        CliRun again = sluice(db, "migrate");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(1250L, db.queryForLong("select total_cents from customer_totals where email = 'a@example.com'"),
                "the rows Flyway's schema held are still there");

        // Flyway's table stays until the team drops it; the comparison leaves it out.
        TestDatabase reference = db.another();
        psql(reference, folder);
        CliRun diff = sluice(db, "diff", db.jdbcUrl(), reference.jdbcUrl());
        assertEquals(0, diff.exitCode(), diff.toString());
    }

    @Test
    void aFailedFlywayRowIsNamedAndNotImported(TestDatabase db) throws Exception {
        Path folder = folder();
        flyway(db, folder, "2").migrate();
        db.execute("update flyway_schema_history set success = false where version = '2'");
        CliRun adopt = sluice(db, "adopt", "--from", "flyway");
        assertEquals(ExitCodes.INVALID, adopt.exitCode(), adopt.toString());
        assertTrue(adopt.err().contains("V2 create orders (V2__create_orders.sql): failed under Flyway"), adopt.err());
        CliRun unknown = sluice(db, "adopt", "--from", "liquibase");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("known: flyway, prisma"), unknown.err());
    }

    /** Applies every V file, then the R file, in version order with psql, as a person would by hand. */
    private static void psql(TestDatabase db, Path folder) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.list(folder)) {
            all.filter(p -> p.getFileName().toString().startsWith("V"))
                    .sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .forEach(files::add);
        }
        files.add(folder.resolve("R__customer_totals.sql"));
        String url = db.jdbcUrl().replaceFirst("^jdbc:", "");
        for (Path f : files) {
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", db.user(), "-d", url, "-f", f.toString())
                    .redirectErrorStream(true);
            if (!db.password().isEmpty()) {
                pb.environment().put("PGPASSWORD", db.password());
            }
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), f + ": " + output);
        }
    }
}
