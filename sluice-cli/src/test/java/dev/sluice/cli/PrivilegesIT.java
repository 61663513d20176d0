package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real role without the privileges Sluice needs on its history table: exit 4 before anything runs, with
 * the user, the privilege, the table and the GRANT named; once granted, the same role migrates even
 * without CREATE on the database.
 */
@ExtendWith(PostgresExtension.class)
class PrivilegesIT {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void missingPrivilegesAreNamedAndNothingRuns(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__one.sql"), "create table one (id bigint primary key);\n");
        CliRun owner = CliRun.inProject(dir, db, new String[]{"migrate"});
        assertEquals(0, owner.exitCode(), owner.toString());

        String role = "app_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        db.execute("create role " + role + " login");
        try {
            CliRun status = as(db, role, "status");
            assertEquals(ExitCodes.DATABASE_UNAVAILABLE, status.exitCode(), status.toString());
            assertTrue(status.err().contains("user " + role + " lacks SELECT on table public.sluice_history"), status.err());
            assertTrue(status.err().contains("GRANT SELECT ON \"public\".\"sluice_history\" TO \"" + role + "\""), status.err());
            assertTrue(status.err().contains("nothing ran"), status.err());
            assertFalse(status.err().contains("PSQLException"), status.err());

            db.execute("grant select on sluice_history to " + role);
            assertEquals(0, as(db, role, "status").exitCode());

            Files.writeString(dir.resolve("migrations/V2__two.sql"), "create table two (id bigint primary key);\n");
            CliRun migrate = as(db, role, "migrate");
            assertEquals(ExitCodes.DATABASE_UNAVAILABLE, migrate.exitCode(), migrate.toString());
            assertTrue(migrate.err().contains("user " + role + " lacks INSERT, UPDATE, DELETE on table public.sluice_history"),
                    migrate.err());
            assertFalse(db.queryForBoolean("select to_regclass('two') is not null"), "nothing ran");

            // What a migration user needs: the history's rows and CREATE where its migrations create things,
            // not CREATE on the database (CREATE SCHEMA IF NOT EXISTS would ask for it even when the schema exists).
            db.execute("grant insert, update, delete on sluice_history to " + role);
            db.execute("grant create on schema public to " + role);
            CliRun granted = as(db, role, "migrate");
            assertEquals(0, granted.exitCode(), granted.toString());
            assertTrue(db.queryForBoolean("select to_regclass('two') is not null"));
        } finally {
            db.execute("drop owned by " + role);
            db.execute("drop role " + role);
        }
    }

    private CliRun as(TestDatabase db, String role, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--dir";
        all[1] = dir.toString();
        all[2] = "--user";
        all[3] = role;
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.run(CliRun.env("SLUICE_URL", db.jdbcUrl()), all);
    }
}
