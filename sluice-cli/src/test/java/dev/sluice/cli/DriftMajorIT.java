package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code drift} against the installed PostgreSQL 15, which prints view definitions otherwise than the
 * bundled 17: the rebuild runs on the target's major, so a clean database shows no drift, and a change
 * made by hand still does. Rebuilt on another major on purpose ({@code --pg-version 17}), view
 * definitions are compared after the scratch server parsed both, which hides no real change.
 */
class DriftMajorIT {

    @TempDir
    Path dir;

    private String migrated() throws Exception {
        Pg15.project(dir);
        Files.writeString(dir.resolve("migrations/V1__books.sql"),
                "create table books (id bigint primary key, title text not null);\n"
                        + "create view book_titles as select id, title from books;\n");
        String db = Pg15.newDatabase();
        CliRun migrate = Pg15.sluice(dir, db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        return db;
    }

    @Test
    void rebuildRunsOnTheTargetsMajor() throws Exception {
        String db = migrated();
        CliRun clean = Pg15.sluice(dir, db, "drift");
        assertEquals(0, clean.exitCode(), clean.toString());
        assertTrue(clean.out().contains("(PostgreSQL 15)"), clean.out());
        assertTrue(clean.out().contains("rebuilt on a throwaway PostgreSQL 15 (the target's major)"), clean.out());
        assertTrue(clean.out().contains("no drift"), clean.out());

        Pg15.execute(db, "alter table books add column isbn text");
        CliRun changed = Pg15.sluice(dir, db, "drift");
        assertEquals(ExitCodes.DRIFT, changed.exitCode(), changed.toString());
        assertTrue(changed.out().contains("added column public.books.isbn: text"), changed.out());
    }

    @Test
    void anotherMajorComparesViewsAfterParsingBothOnOneServer() throws Exception {
        String db = migrated();
        CliRun clean = Pg15.sluice(dir, db, "drift", "--pg-version", "17");
        assertEquals(0, clean.exitCode(), clean.toString());
        assertTrue(clean.out().contains("rebuilt on a throwaway PostgreSQL 17"), clean.out());
        assertTrue(clean.out().contains("note: PostgreSQL 17 and 15 may print some definitions differently"), clean.out());
        assertTrue(clean.out().contains("1 matched only so"), clean.out());

        // A real change of the view's query is no textual accident: it stays drift.
        Pg15.execute(db, "create or replace view book_titles as select id, title from books where id > 0");
        CliRun changed = Pg15.sluice(dir, db, "drift", "--pg-version", "17", "--json");
        assertEquals(ExitCodes.DRIFT, changed.exitCode(), changed.toString());
        assertTrue(changed.out().contains("public.book_titles"), changed.out());
        assertTrue(changed.out().contains("\"scratchMajor\": 17"), changed.out());
        assertTrue(changed.out().contains("\"targetMajor\": 15"), changed.out());
        assertFalse(changed.out().contains("\"normalised\": [\"view public.book_titles\"]"), changed.out());
    }
}
