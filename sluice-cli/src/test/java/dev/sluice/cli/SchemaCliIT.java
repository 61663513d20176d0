package dev.sluice.cli;

import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code snapshot}, {@code diff} and {@code drift} from the command line, with their exit codes. */
@ExtendWith(PostgresExtension.class)
class SchemaCliIT {

    private static final String SECRET = "not-to-be-printed-42";

    @TempDir
    Path dir;

    private CliRun sluice(TestDatabase db, String... args) {
        // The test server trusts local connections, so the password is ignored; it must still never show.
        CliRun run = CliRun.inProject(dir, db, SECRET, args);
        assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), run.toString());
        return run;
    }

    @Test
    void snapshotToFileThenDiffAgainstDatabases(TestDatabase db) throws Exception {
        db.execute("create table users (id bigint primary key, email varchar(100))");
        Path file = dir.resolve("before.json");
        CliRun snap = sluice(db, "snapshot", "--out", file.toString());
        assertEquals(0, snap.exitCode(), snap.toString());
        String fingerprint = SchemaSnapshot.fromJson(Files.readString(file)).fingerprint();
        assertTrue(snap.out().contains("fingerprint: " + fingerprint), snap.out());

        CliRun stdout = sluice(db, "snapshot");
        assertEquals(0, stdout.exitCode(), stdout.toString());
        assertEquals(Files.readString(file), stdout.out());
        assertTrue(stdout.err().contains("fingerprint: " + fingerprint), stdout.err());

        CliRun same = sluice(db, "diff", file.toString(), db.jdbcUrl());
        assertEquals(0, same.exitCode(), same.toString());
        assertTrue(same.out().startsWith("no differences"), same.out());

        db.execute("alter table users alter column email type text, alter column email set not null");
        CliRun changed = sluice(db, "diff", file.toString(), db.jdbcUrl());
        assertEquals(ExitCodes.DRIFT, changed.exitCode(), changed.toString());
        assertTrue(changed.out().contains("changed column public.users.email: nullable yes -> no; type character varying(100) -> text"),
                changed.out());

        TestDatabase other = db.another();
        other.execute("create table users (email varchar(100), id bigint primary key)");
        CliRun order = sluice(db, "diff", file.toString(), other.jdbcUrl());
        assertEquals(ExitCodes.DRIFT, order.exitCode(), order.toString());
        assertTrue(order.out().contains("column order of table public.users: id, email -> email, id"), order.out());
        assertEquals(0, sluice(db, "diff", "--ignore-column-order", file.toString(), other.jdbcUrl()).exitCode());

        CliRun json = sluice(db, "diff", "--json", file.toString(), db.jdbcUrl());
        assertEquals(ExitCodes.DRIFT, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"attribute\": \"nullable\""), json.out());

        CliRun missing = sluice(db, "diff", dir.resolve("nope.json").toString(), db.jdbcUrl());
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
    }

    @Test
    void driftFindsWhatWasChangedByHand(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__widgets.sql"), """
                create table widgets (id bigint primary key, name text not null);
                create index widgets_name_idx on widgets (name);
                create function widget_label(n text) returns text language sql as $$ select upper(n) $$;
                """);
        assertEquals(0, sluice(db, "migrate").exitCode());

        CliRun clean = sluice(db, "drift");
        assertEquals(0, clean.exitCode(), clean.toString());
        assertTrue(clean.out().contains("no drift"), clean.out());
        assertEquals(0, sluice(db, "drift", "--against-history").exitCode());

        db.execute("alter table widgets add column note text");
        db.execute("drop index widgets_name_idx");
        db.execute("create or replace function widget_label(n text) returns text language sql as $$ select lower(n) $$");
        CliRun drift = sluice(db, "drift");
        assertEquals(ExitCodes.DRIFT, drift.exitCode(), drift.toString());
        assertTrue(drift.out().contains("drift: 3 differences"), drift.out());
        assertTrue(drift.out().contains("added column public.widgets.note: text"), drift.out());
        assertTrue(drift.out().contains("removed index public.widgets_name_idx"), drift.out());
        assertTrue(drift.out().contains("changed function public.widget_label(n text): body sha256"), drift.out());

        CliRun history = sluice(db, "drift", "--against-history");
        assertEquals(ExitCodes.DRIFT, history.exitCode(), history.toString());
        assertTrue(history.out().contains("without --against-history"), history.out());
    }
}
