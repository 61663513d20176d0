package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.ScriptResource;
import dev.sluice.migration.internal.MigrationResolver;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What adopt records from Flyway's rows, decided without a database. */
class FlywayAdoptionTest {

    private final Map<String, String> texts = new HashMap<>();

    private MigrationCatalog catalog(String... nameThenText) {
        List<ScriptResource> scripts = new java.util.ArrayList<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            scripts.add(new ScriptResource(nameThenText[i], nameThenText[i], nameThenText[i + 1]));
            texts.put(nameThenText[i], nameThenText[i + 1]);
        }
        MigrationSource source = new MigrationSource() {
            @Override
            public List<ScriptResource> scripts() {
                return scripts;
            }

            @Override
            public String describe() {
                return "test";
            }
        };
        return new MigrationResolver(false).validate(List.of(source)).orThrow();
    }

    private static int rank;

    private FlywayRow row(String version, String description, String type, String script, String text, boolean success) {
        return new FlywayRow(++rank, Optional.ofNullable(version), description, type, script,
                Optional.ofNullable(text).map(FlywayChecksum::of), "flyway", Instant.parse("2026-01-02T03:04:05Z"), 12, success);
    }

    @Test
    void undoneAndDeletedVersionsAreNotRecordedAndTheSchemaMarkerIsANote() {
        MigrationCatalog catalog = catalog("V1__a.sql", "create table a (id int);\n", "V2__b.sql", "create table b (id int);\n",
                "V3__c.sql", "create table c (id int);\n");
        List<FlywayRow> rows = List.of(
                row("0", "<< Flyway Schema Creation >>", "SCHEMA", "\"app\"", null, true),
                row("1", "a", "SQL", "V1__a.sql", texts.get("V1__a.sql"), true),
                row("2", "b", "SQL", "V2__b.sql", texts.get("V2__b.sql"), true),
                row("3", "c", "SQL", "V3__c.sql", texts.get("V3__c.sql"), true),
                row("3", "c", "UNDO_SQL", "U3__c.sql", "drop table c;", true),
                row("2", "b", "DELETE", "V2__b.sql", null, true));
        AdoptionPlan plan = FlywayAdoption.plan(rows, catalog, texts);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("V1 a"), plan.recorded().stream().map(AdoptedMigration::label).toList());
        AdoptedMigration v1 = plan.recorded().get(0);
        assertEquals(catalog.versioned().get(0).checksum(), v1.checksum(), "Sluice's own checksum is recorded");
        assertEquals(Optional.of(String.valueOf(FlywayChecksum.of(texts.get("V1__a.sql")))), v1.foreignChecksum());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), v1.installedOn());
        assertTrue(plan.notes().get(0).contains("Flyway's marker of the schemas it created"), plan.notes().toString());
    }

    @Test
    void aBaselineAndAJavaMigrationAreRecordedAsSuch() {
        MigrationCatalog catalog = catalog("V2__b.sql", "create table b (id int);\n");
        List<FlywayRow> rows = List.of(
                row("1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", null, true),
                row("2", "b", "SQL", "V2__b.sql", texts.get("V2__b.sql"), true));
        AdoptionPlan plan = FlywayAdoption.plan(rows, catalog, texts);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of(MigrationType.BASELINE, MigrationType.SQL), plan.recorded().stream().map(AdoptedMigration::type).toList());

        AdoptionPlan java = FlywayAdoption.plan(List.of(row("3", "Seed", "JDBC", "com.example.V3__Seed", null, true)),
                catalog, texts);
        assertEquals(1, java.problems().size());
        assertTrue(java.problems().get(0).contains("no file or class of version 3"), java.problems().toString());
    }

    @Test
    void aChangedRepeatableIsLeftForMigrateAndAChangedVersionedFileRefusesWithBothChecksums() {
        MigrationCatalog catalog = catalog("V1__a.sql", "create table a (id int);\n", "R__v.sql", "create or replace view v as select 2;\n");
        List<FlywayRow> rows = List.of(
                row("1", "a", "SQL", "V1__a.sql", "create table a (id bigint);\n", true),
                row(null, "v", "SQL", "R__v.sql", "create or replace view v as select 1;\n", true),
                row("2", "b", "SQL", "V2__b.sql", "x", false));
        AdoptionPlan plan = FlywayAdoption.plan(rows, catalog, texts);
        assertEquals(2, plan.problems().size(), plan.problems().toString());
        assertTrue(plan.problems().get(0).startsWith("V1__a.sql: differs from what Flyway applied (its checksum "
                + FlywayChecksum.of("create table a (id bigint);\n") + ", the file's " + FlywayChecksum.of(texts.get("V1__a.sql"))),
                plan.problems().get(0));
        assertTrue(plan.problems().get(1).contains("V2 b (V2__b.sql): failed under Flyway"), plan.problems().get(1));
        assertTrue(plan.notes().get(0).contains("R v (R__v.sql): changed since Flyway applied it"), plan.notes().toString());
    }
}
