package dev.sluice.cli;

import dev.sluice.json.Json;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** start, status (text and --json), rollback of the change in progress, start again and complete, through the command line. */
@ExtendWith(PostgresExtension.class)
class OnlineCliIT {

    @TempDir
    Path dir;

    static final String ITEMS = "create table items (id bigint generated always as identity primary key, label text not null);\n"
            + "insert into items (label) select 'item' || g from generate_series(1, 3000) g;\n";
    static final String UPPER = "operations:\n  - change_column_type:\n      table: items\n      column: label\n"
            + "      type: text\n      up: upper(label)\n      down: lower(label)\n";

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    private void project() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), ITEMS);
        Files.writeString(dir.resolve("migrations/V2__upper_labels.yaml"), UPPER);
    }

    @Test
    void startStatusRollbackStartComplete(TestDatabase db) throws Exception {
        project();
        CliRun first = sluice(db, "migrate", "--target", "1");
        assertEquals(0, first.exitCode(), first.toString());

        CliRun start = sluice(db, "start", "--batch-size", "500", "--max-replication-lag", "64MB", "--max-lock-waits", "8");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.out().contains("backfill \"public\".\"items\": 3000 of about 3000 rows (100%)"), start.out());
        assertTrue(start.out().contains("started V2 upper labels: two versions are live"), start.out());
        assertTrue(start.out().contains("  new version: set search_path to sluice_v2_upper_labels, public"), start.out());

        CliRun status = sluice(db, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("online change in progress: V2 upper labels (V2__upper_labels.yaml), started "), status.out());
        assertTrue(status.out().contains("  new version: schema sluice_v2_upper_labels (search_path sluice_v2_upper_labels, public)"),
                status.out());
        assertTrue(status.out().matches("(?s).*  backfill \"public\"\\.\"items\": 3000 of about 3000 rows \\(100%\\), \\d+ rows/s, done\n.*"),
                status.out());

        CliRun json = sluice(db, "status", "--json");
        assertEquals(0, json.exitCode(), json.toString());
        Map<?, ?> online = (Map<?, ?>) ((Map<?, ?>) Json.read(json.out())).get("online");
        assertEquals("2", online.get("version"));
        assertEquals("public", online.get("oldSchema"));
        assertEquals("sluice_v2_upper_labels", online.get("newSchema"));
        Map<?, ?> backfill = (Map<?, ?>) ((List<?>) online.get("backfills")).get(0);
        assertEquals(3000L, backfill.get("rowsDone"));
        assertEquals(3000L, backfill.get("rowsTotal"));
        assertEquals(100L, backfill.get("percent"));
        assertEquals(true, backfill.get("done"));
        assertTrue((Long) backfill.get("rowsPerSecond") > 0, json.out());
        assertEquals(0L, backfill.get("etaSeconds"));
        assertEquals(3000L, db.queryForLong("select count(*) from sluice_v2_upper_labels.items where label = upper(label)"));

        CliRun blocked = sluice(db, "migrate");
        assertFalse(blocked.exitCode() == 0, "migrate refuses while a change is in progress: " + blocked);

        CliRun rollback = sluice(db, "rollback");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertTrue(rollback.out().contains("rolled back the online change V2 upper labels"), rollback.out());
        assertFalse(db.queryForBoolean("select exists (select from pg_namespace where nspname = 'sluice_v2_upper_labels')"));
        assertEquals(List.of("id", "label"), db.queryForList("select column_name from information_schema.columns"
                + " where table_name = 'items' order by ordinal_position"));
        assertNull(((Map<?, ?>) Json.read(sluice(db, "status", "--json").out())).get("online"));
        assertFalse(sluice(db, "status").out().contains("online change in progress"));

        assertEquals(0, sluice(db, "start").exitCode());
        CliRun complete = sluice(db, "complete");
        assertEquals(0, complete.exitCode(), complete.toString());
        assertEquals(3000L, db.queryForLong("select count(*) from items where label = upper(label)"));
        CliRun done = sluice(db, "status");
        assertTrue(done.out().contains("current version: 2; pending: 0"), done.out());
        assertFalse(done.out().contains("online change in progress"), done.out());
    }

    @Test
    void badThrottleLimitsAreUsageErrors(TestDatabase db) throws Exception {
        project();
        CliRun lag = sluice(db, "start", "--max-replication-lag", "lots");
        assertEquals(ExitCodes.USAGE, lag.exitCode(), lag.toString());
        assertTrue(lag.err().contains("--max-replication-lag: 'lots' is not a size"), lag.err());
        CliRun waits = sluice(db, "start", "--max-lock-waits", "-1");
        assertEquals(ExitCodes.USAGE, waits.exitCode(), waits.toString());
        assertTrue(waits.err().contains("--max-lock-waits must be a whole number of at least 0, or off, not '-1'"), waits.err());
    }

    @Test
    void eachOnlineVerbAnswersHelpWithItsOwnOptions() {
        for (String verb : List.of("start", "complete")) {
            CliRun help = CliRun.run(verb, "--help");
            assertEquals(0, help.exitCode(), help.toString());
            assertTrue(help.out().startsWith("Usage: sluice " + verb), help.out());
            for (String option : List.of("--batch-size", "--batch-pause", "--max-replication-lag", "--max-lock-waits", "--dry-run")) {
                int at = help.out().indexOf(option);
                assertTrue(at > 0 && at < help.out().indexOf("Global options:"), verb + " " + option + "\n" + help.out());
            }
        }
        CliRun rollback = CliRun.run("rollback", "--help");
        assertTrue(rollback.out().startsWith("Usage: sluice rollback"), rollback.out());
        assertTrue(rollback.out().replaceAll("\\s+", " ").contains("abort the online change in progress"), rollback.out());
        CliRun status = CliRun.run("status", "--help");
        assertTrue(status.out().startsWith("Usage: sluice status"), status.out());
        assertTrue(status.out().indexOf("--json") < status.out().indexOf("Global options:"), status.out());
    }
}
