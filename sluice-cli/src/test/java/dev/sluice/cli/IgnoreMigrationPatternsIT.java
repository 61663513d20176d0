package dev.sluice.cli;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flyway's ignoreMigrationPatterns: which disagreements between files and history stop a run. */
@ExtendWith(PostgresExtension.class)
class IgnoreMigrationPatternsIT {

    @TempDir
    Path dir;

    private Path migrations;

    private CliRun run(TestDatabase db, String patterns, String... args) {
        Map<String, String> env = CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", db.password());
        if (patterns != null) {
            env.put("SLUICE_IGNORE_MIGRATION_PATTERNS", patterns);
        }
        String[] all = new String[args.length + 2];
        all[0] = "--dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }

    private void file(String name, String table) throws Exception {
        migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve(name), "create table " + table + " (id bigint primary key);\n");
    }

    private List<String> applied(TestDatabase db) throws Exception {
        return db.queryForList("select version from sluice_history where state = 'APPLIED' order by installed_rank");
    }

    @Test
    void missingAppliedFilesStopEveryRunUnlessIgnored(TestDatabase db) throws Exception {
        file("V1__a.sql", "a");
        file("V2__b.sql", "b");
        file("V3__c.sql", "c");
        assertEquals(0, run(db, null, "migrate").exitCode());
        Files.delete(migrations.resolve("V2__b.sql"));
        file("V4__d.sql", "d");

        CliRun refused = run(db, null, "migrate");
        assertEquals(ExitCodes.INVALID, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("its file is gone from the project"), refused.toString());
        assertEquals(ExitCodes.INVALID, run(db, null, "validate").exitCode());

        CliRun migrate = run(db, "*:missing", "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertEquals(List.of("1", "2", "3", "4"), applied(db));
        CliRun validate = run(db, "versioned:missing", "validate");
        assertEquals(0, validate.exitCode(), validate.toString());
        assertEquals(ExitCodes.INVALID, run(db, "*:future", "validate").exitCode(), "future does not cover missing");
    }

    @Test
    void aDatabaseAheadOfTheFilesRunsOnlyUnderFuture(TestDatabase db) throws Exception {
        file("V1__a.sql", "a");
        file("V2__b.sql", "b");
        assertEquals(0, run(db, null, "migrate").exitCode());
        Files.delete(migrations.resolve("V2__b.sql"));

        CliRun refused = run(db, null, "migrate");
        assertEquals(ExitCodes.INVALID, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("newer than any migration in this project"), refused.toString());

        CliRun migrate = run(db, "*:future", "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        CliRun status = run(db, "*:future", "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertFalse(status.out().contains("newer than any migration"), status.out());
    }

    @Test
    void anOlderPendingFileIsSkippedUnderIgnoredAndRunWithOutOfOrder(TestDatabase db) throws Exception {
        file("V1__a.sql", "a");
        file("V3__c.sql", "c");
        assertEquals(0, run(db, null, "migrate").exitCode());
        file("V2__b.sql", "b");

        assertEquals(ExitCodes.INVALID, run(db, null, "migrate").exitCode());
        CliRun skipped = run(db, "*:ignored", "migrate");
        assertEquals(0, skipped.exitCode(), skipped.toString());
        assertFalse(db.queryForBoolean("select to_regclass('b') is not null"), "an ignored file is not run");
        assertEquals(0, run(db, "*:ignored", "validate").exitCode());

        CliRun outOfOrder = run(db, "*:ignored", "migrate", "--out-of-order");
        assertEquals(0, outOfOrder.exitCode(), outOfOrder.toString());
        assertTrue(db.queryForBoolean("select to_regclass('b') is not null"));
    }

    @Test
    void aBadPatternIsAConfigErrorNamingTheVariable(TestDatabase db) throws Exception {
        file("V1__a.sql", "a");
        CliRun bad = run(db, "*:gone", "status");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("SLUICE_IGNORE_MIGRATION_PATTERNS") && bad.err().contains("'*:gone' is not a pattern"), bad.toString());
    }
}
