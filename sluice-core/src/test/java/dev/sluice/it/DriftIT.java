package dev.sluice.it;

import dev.sluice.DriftReport;
import dev.sluice.Sluice;
import dev.sluice.execution.MigrationListener;
import dev.sluice.history.AppliedMigration;
import dev.sluice.migration.Version;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fingerprints in the history, and drift found against a rebuild and against the history. */
@ExtendWith(PostgresExtension.class)
class DriftIT {

    @TempDir
    Path folder;

    private Sluice project(TestDatabase db) {
        return new MigrationProject(folder, db)
                .file("V1__customers.sql", """
                        create table customers (id bigint primary key, email text not null);
                        create index customers_email_idx on customers (email);
                        """)
                .file("V2__normalize.sql", """
                        create function normalize_email(e text) returns text language sql immutable
                            as $$ select lower(trim(e)) $$;
                        """)
                .file("V3__concurrent_index.sql", """
                        create index concurrently customers_id_email_idx on customers (id, email);
                        """)
                .sluice();
    }

    @Test
    void theLastRowOfEachRunHoldsTheFingerprintAfterIt(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        String afterOne = sluice.snapshot().fingerprint();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        List<AppliedMigration> rows = sluice.history();
        assertEquals(3, rows.size());
        assertEquals(Optional.of(afterOne), rows.get(0).fingerprint(), "the last step of the first run");
        assertEquals(Optional.empty(), rows.get(1).fingerprint(), "not the last step of its run: not taken");
        assertNotEquals(rows.get(0).fingerprint(), rows.get(2).fingerprint());
        assertEquals(Optional.of(sluice.snapshot().fingerprint()), rows.get(2).fingerprint(),
                "a migration outside a transaction gets its fingerprint too");
    }

    @Test
    void rebuildListsEveryChangeMadeByHand(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        DriftReport clean = sluice.driftAgainstRebuild(false, false);
        assertFalse(clean.drifted(), clean.diff().orElseThrow().lines().toString());
        assertEquals(clean.expectedFingerprint(), Optional.of(clean.actualFingerprint()));

        db.execute("alter table customers add column nickname text");
        db.execute("drop index customers_email_idx");
        db.execute("create or replace function normalize_email(e text) returns text language sql immutable as $$ select lower(e) $$");
        DriftReport drift = sluice.driftAgainstRebuild(false, false);
        assertTrue(drift.drifted());
        List<String> lines = drift.diff().orElseThrow().lines();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("added column public.customers.nickname: text", lines.get(0));
        assertTrue(lines.get(1).startsWith("removed index public.customers_email_idx: CREATE INDEX customers_email_idx"), lines.get(1));
        assertTrue(lines.get(2).startsWith("changed function public.normalize_email(e text): body sha256 "), lines.get(2));
    }

    @Test
    void historyModeComparesFingerprintsOnly(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        DriftReport clean = sluice.driftAgainstHistory();
        assertFalse(clean.drifted());
        assertTrue(clean.diff().isEmpty());

        db.execute("alter table customers add column nickname text");
        DriftReport drift = sluice.driftAgainstHistory();
        assertTrue(drift.drifted());
        assertEquals(DriftReport.Mode.HISTORY, drift.mode());
        assertEquals(Optional.of(Version.parse("3")), drift.version());
        assertNotEquals(drift.expectedFingerprint(), Optional.of(drift.actualFingerprint()));
    }
}
