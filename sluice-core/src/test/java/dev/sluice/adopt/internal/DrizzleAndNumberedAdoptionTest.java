package dev.sluice.adopt.internal;

import dev.sluice.migration.DrizzleMigrationSource;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.NumberedMigrationSource;
import dev.sluice.migration.internal.MigrationResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drizzle's and a numbered project's rows decided without a database. */
class DrizzleAndNumberedAdoptionTest {

    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private DrizzleMigrationSource drizzle() throws Exception {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/_journal.json"), "{\"entries\":[{\"idx\":0,\"when\":100,\"tag\":\"0000_a\"},"
                + "{\"idx\":1,\"when\":200,\"tag\":\"0001_b\"},{\"idx\":2,\"when\":300,\"tag\":\"0002_c\"},{\"idx\":3,\"when\":400,\"tag\":\"0003_d\"}]}");
        for (String tag : List.of("0000_a", "0001_b", "0002_c", "0003_d")) {
            Files.writeString(dir.resolve(tag + ".sql"), "create table " + tag.substring(5) + " (id int);");
        }
        return new DrizzleMigrationSource(dir);
    }

    private static Map<String, Object> row(long id, String hash, Long createdAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("hash", hash);
        row.put("created_at", createdAt);
        return row;
    }

    private String hash(String tag) throws Exception {
        return DrizzleAdoption.sha256(Files.readString(dir.resolve(tag + ".sql")).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void drizzleRowsAreMatchedByWhenAndCheckedByHash() throws Exception {
        DrizzleMigrationSource source = drizzle();
        MigrationCatalog catalog = new MigrationResolver(true).resolve(List.of(source));
        AdoptionPlan plan = DrizzleAdoption.plan(List.of(row(1, hash("0000_a"), 100L), row(2, hash("0001_b"), 200L)), source, catalog, NOW);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("0000_a.sql", "0001_b.sql"), plan.recorded().stream().map(m -> m.script()).toList());
        assertEquals(NOW, plan.recorded().get(0).installedOn());
    }

    @Test
    void drizzleRefusesAChangedFileAnUnknownRowAndASkippedEntry() throws Exception {
        DrizzleMigrationSource source = drizzle();
        MigrationCatalog catalog = new MigrationResolver(true).resolve(List.of(source));
        AdoptionPlan plan = DrizzleAdoption.plan(List.of(row(1, "0".repeat(64), 100L), row(2, hash("0002_c"), 300L),
                row(3, hash("0003_d"), 999L), row(4, "x", null)), source, catalog, NOW);
        assertEquals(5, plan.problems().size(), plan.problems().toString());
        assertTrue(plan.problems().get(0).startsWith("0000_a.sql: differs from what Drizzle applied"), plan.problems().get(0));
        assertTrue(plan.problems().get(1).startsWith("row id 3 (created_at 999): applied by Drizzle, but no entry"), plan.problems().get(1));
        assertTrue(plan.problems().get(2).startsWith("row id 4 (hash x): has no created_at"), plan.problems().get(2));
        assertTrue(plan.problems().get(3).startsWith("0001_b.sql: older than Drizzle's last applied migration"), plan.problems().get(3));
        assertTrue(plan.problems().get(4).startsWith("0003_d.sql: older than"), "its row has an unknown time: " + plan.problems().get(4));
        assertEquals(List.of("0002_c.sql"), plan.recorded().stream().map(m -> m.script()).toList());
    }

    private MigrationCatalog numbered() throws Exception {
        for (int i = 1; i <= 4; i++) {
            Files.writeString(dir.resolve("00" + i + "_step_" + i + ".sql"), "create table t" + i + " (id int);");
        }
        return new MigrationResolver(true).resolve(List.of(new NumberedMigrationSource(dir)));
    }

    private static Map<String, Object> tracked(String version, Boolean dirty) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", version);
        if (dirty != null) {
            row.put("dirty", dirty);
        }
        return row;
    }

    @Test
    void numberedRowsNameFilesByNumberInAnyForm() throws Exception {
        AdoptionPlan plan = NumberedAdoption.fromTable(List.of(tracked("1", null), tracked("002", null),
                tracked("003_step_3.sql", null)), "schema_migrations", numbered(), NOW);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("001_step_1.sql", "002_step_2.sql", "003_step_3.sql"), plan.recorded().stream().map(m -> m.script()).toList());
    }

    @Test
    void numberedRefusesAGapADirtyRowAndAMissingFile() throws Exception {
        AdoptionPlan plan = NumberedAdoption.fromTable(List.of(tracked("1", false), tracked("3", true), tracked("4", null),
                tracked("9", null), tracked("latest", null)), "schema_migrations", numbered(), NOW);
        assertTrue(plan.problems().stream().anyMatch(p -> p.contains("row '3': marked dirty")), plan.problems().toString());
        assertTrue(plan.problems().stream().anyMatch(p -> p.contains("row '9': applied, but no file of number 9")), plan.problems().toString());
        assertTrue(plan.problems().stream().anyMatch(p -> p.contains("row 'latest': names no numbered file")), plan.problems().toString());
        assertTrue(plan.problems().stream().anyMatch(p -> p.startsWith("002_step_2.sql: schema_migrations records later files")),
                plan.problems().toString());
        Map<String, Object> noName = new LinkedHashMap<>();
        noName.put("applied", "yes");
        assertTrue(NumberedAdoption.fromTable(List.of(noName), "runs", numbered(), NOW).problems().get(0)
                .contains("none of the columns"));
    }
}
