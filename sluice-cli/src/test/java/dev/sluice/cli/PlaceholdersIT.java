package dev.sluice.cli;

import dev.sluice.migration.Checksum;
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

/** Flyway's {@code ${name}} placeholders: configured, from the environment, the run's own, and switched off. */
@ExtendWith(PostgresExtension.class)
class PlaceholdersIT {

    @TempDir
    Path dir;

    private static final String V1 = "-- owner: ${Owner}\n"
            + "create table ${table_name} (id bigint primary key, note text default '${note}');\n"
            + "comment on table ${table_name} is '${flyway:user}@${flyway:database} ${flyway:defaultSchema}.${flyway:table} ${sluice:filename}';\n";

    private CliRun run(TestDatabase db, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", db.password());
        env.putAll(extraEnv);
        String[] all = new String[args.length + 2];
        all[0] = "--dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }

    @Test
    void configEnvironmentAndTheRunsOwnValuesAreReplacedAndTheChecksumIsTheFileAsWritten(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__accounts.sql"), V1);
        Files.writeString(dir.resolve("sluice.conf"), "placeholders.table_name = accounts\nplaceholders.owner = nobody\n");

        CliRun migrate = run(db, Map.of("SLUICE_PLACEHOLDERS_NOTE", "from the environment"), "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertEquals("from the environment", db.queryForString(
                "select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'accounts'::regclass").replaceAll("^'|'::text$", ""));
        assertEquals(db.queryForString("select current_user") + "@" + db.queryForString("select current_database()")
                        + " public.sluice_history V1__accounts.sql",
                db.queryForString("select obj_description('accounts'::regclass, 'pg_class')"));
        assertEquals(Checksum.of(V1), db.queryForString("select checksum from sluice_history where version = '1'"));

        // Another value (another environment) does not make the applied file look edited.
        CliRun validate = run(db, Map.of("SLUICE_PLACEHOLDERS_NOTE", "another value"), "validate");
        assertEquals(0, validate.exitCode(), validate.toString());
    }

    @Test
    void aPlaceholderWithoutAValueIsRefusedWithFileAndLineAndNothingRuns(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__first.sql"), "create table first (id bigint primary key);\n");
        Files.writeString(migrations.resolve("V2__second.sql"), "create table second (id bigint primary key);\n\n"
                + "insert into second values (${missing_id});\n");

        CliRun migrate = run(db, Map.of(), "migrate");
        assertEquals(ExitCodes.INVALID, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.err().contains("V2__second.sql:3"), migrate.err());
        assertTrue(migrate.err().contains("no value for placeholder ${missing_id}: set placeholders.missing_id in sluice.conf"
                + " or SLUICE_PLACEHOLDERS_MISSING_ID"), migrate.err());
        assertFalse(db.queryForBoolean("select to_regclass('first') is not null"), "nothing may run");
    }

    @Test
    void replacementOffRunsTheFileAsWritten(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__templates.sql"), "create table templates (body text);\n"
                + "insert into templates values ('Hello ${name}');\n");

        CliRun migrate = run(db, Map.of("SLUICE_PLACEHOLDER_REPLACEMENT", "false"), "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertEquals(List.of("Hello ${name}"), db.queryForList("select body from templates"));
    }

    @Test
    void theRunsOwnNamesCannotBeConfigured(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("sluice.conf"), "placeholders.flyway\\:user = someone\n");
        CliRun status = run(db, Map.of(), "status");
        assertEquals(ExitCodes.USAGE, status.exitCode(), status.toString());
        assertTrue(status.err().contains("'placeholders.flyway:user': placeholder 'flyway:user' is set by each run"), status.err());
    }
}
