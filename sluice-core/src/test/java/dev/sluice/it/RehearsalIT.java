package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.it.javamigrations.V1__Create_accounts;
import dev.sluice.it.javamigrations.V2__Bad_down_validation;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.JavaMigrationSource;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.Verdict;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Up, down, up again on a scratch database, with the proof that each down restores the schema and the data. */
@ExtendWith(PostgresExtension.class)
class RehearsalIT {

    @TempDir
    Path folder;

    static final String V1 = "create table accounts (id int primary key, email text not null);\n";
    static final String U1 = "drop table accounts;\n";

    private void write(String name, String text) throws Exception {
        Files.writeString(folder.resolve(name), text);
    }

    private RehearsalReport rehearse(TestDatabase scratch) throws Exception {
        return rehearse(scratch, SluiceOptions.builder(new JdbcConnectionFactory(scratch.jdbcUrl(), scratch.user(), scratch.password()))
                .source(new FileSystemMigrationSource(folder)).build());
    }

    private RehearsalReport rehearse(TestDatabase scratch, SluiceOptions options) throws Exception {
        return new Sluice(options).rehearse(new JdbcConnectionFactory(scratch.jdbcUrl(), scratch.user(), scratch.password()),
                Optional.of(folder.resolve("seeds")), true, Progress.NONE);
    }

    private static MigrationRehearsal only(RehearsalReport r, int index) {
        return r.migrations().get(index);
    }

    @Test
    void cleanProjectPasses(TestDatabase db) throws Exception {
        write("V1__accounts.sql", V1);
        write("U1__accounts.sql", U1);
        write("V2__index.sql", "create index accounts_email_idx on accounts (email);\n");
        write("U2__index.sql", "drop index accounts_email_idx;\n");
        RehearsalReport r = rehearse(db);
        assertTrue(r.passed(), r.toString());
        assertEquals(List.of(Verdict.PASSED, Verdict.PASSED), r.migrations().stream().map(MigrationRehearsal::verdict).toList());
    }

    @Test
    void eachMigrationIsReportedAsItStartsAndEnds(TestDatabase db) throws Exception {
        write("V1__accounts.sql", V1);
        write("U1__accounts.sql", U1);
        write("V2__index.sql", "create index accounts_email_idx on accounts (email);\n");
        write("U2__index.sql", "drop index accounts_email_idx;\n");
        List<String> seen = new java.util.ArrayList<>();
        new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()))
                .source(new FileSystemMigrationSource(folder)).build())
                .rehearse(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()), Optional.empty(), true,
                        new dev.sluice.progress.Progress() {
                    @Override
                    public void started(String item, int done, int total) {
                        seen.add("start " + item + " " + done + "/" + total);
                    }

                    @Override
                    public void finished(String item, int done, int total, long millis) {
                        seen.add("end " + item + " " + done + "/" + total);
                    }
                });
        assertEquals(List.of("start V1 accounts 0/2", "end V1 accounts 1/2", "start V2 index 1/2", "end V2 index 2/2"), seen);
    }

    @Test
    void downThatForgetsAnIndexIsCaughtWithTheDiff(TestDatabase db) throws Exception {
        write("V1__accounts.sql", V1);
        write("U1__accounts.sql", U1);
        write("V2__index.sql", "alter table accounts add column name text;\ncreate index accounts_name_idx on accounts (name);\n");
        write("U2__index.sql", "drop index accounts_name_idx;\n");
        RehearsalReport r = rehearse(db);
        assertFalse(r.passed());
        MigrationRehearsal m = only(r, 1);
        assertEquals(Verdict.FAILED, m.verdict());
        String text = String.join("\n", m.problems());
        assertTrue(text.contains("does not restore the schema") && text.contains("accounts.name"), text);
        assertTrue(text.contains("up failed again after the down") || text.contains("already exists"), text);
    }

    @Test
    void downThatDropsAColumnTheUpDidNotAddIsCaught(TestDatabase db) throws Exception {
        write("V1__accounts.sql", V1);
        write("U1__accounts.sql", U1);
        write("V2__note.sql", "alter table accounts add column note text;\n");
        write("U2__note.sql", "alter table accounts drop column note, drop column email;\n");
        MigrationRehearsal m = only(rehearse(db), 1);
        assertEquals(Verdict.FAILED, m.verdict());
        String text = String.join("\n", m.problems());
        assertTrue(text.contains("removed column public.accounts.email") || text.contains("accounts.email"), text);
    }

    @Test
    void reUpThatFailsIsCaught(TestDatabase db) throws Exception {
        write("V1__accounts.sql", V1);
        write("U1__accounts.sql", U1);
        write("V2__audit.sql", "create table audit (id int);\ninsert into accounts values (1, 'a@example.com');\n");
        write("U2__audit.sql", "drop table audit;\n");
        MigrationRehearsal m = only(rehearse(db), 1);
        assertEquals(Verdict.FAILED, m.verdict());
        String text = String.join("\n", m.problems());
        assertTrue(text.contains("does not restore the data") && text.contains("\"accounts\": 0 rows before the up, 1 after the down"), text);
        assertTrue(text.contains("up failed again after the down") && text.contains("duplicate key"), text);
    }

    @Test
    void downThatLosesSeededRowsIsCaught(TestDatabase db) throws Exception {
        write("V1__accounts.sql", V1);
        write("U1__accounts.sql", U1);
        write("V2__note.sql", "alter table accounts add column note text;\n");
        write("U2__note.sql", "delete from accounts where note is null;\nalter table accounts drop column note;\n");
        Files.createDirectories(folder.resolve("seeds"));
        Files.writeString(folder.resolve("seeds/S1__accounts.sql"), "insert into accounts values (1, 'a@example.com'), (2, 'b@example.com');\n");
        MigrationRehearsal m = only(rehearse(db), 1);
        assertEquals(Verdict.FAILED, m.verdict());
        assertTrue(String.join("\n", m.problems()).contains("2 rows before the up, 0 after the down"), m.problems().toString());
    }

    @Test
    void failingValidateDownIsCaught(TestDatabase db) throws Exception {
        SluiceOptions options = SluiceOptions.builder(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()))
                .source(JavaMigrationSource.of(V1__Create_accounts.class, V2__Bad_down_validation.class)).build();
        RehearsalReport r = rehearse(db, options);
        assertEquals(Verdict.PASSED, only(r, 0).verdict(), only(r, 0).problems().toString());
        MigrationRehearsal m = only(r, 1);
        assertEquals(Verdict.FAILED, m.verdict());
        assertTrue(m.problems().get(0).startsWith("down failed") && m.problems().get(0).contains("balance must be back"),
                m.problems().toString());
    }

    @Test
    void migrationWithoutDownIsIrreversibleAndLaterOnesSkipAfterABrokenUp(TestDatabase db) throws Exception {
        write("V1__accounts.sql", V1);
        write("V2__broken.sql", "alter table nowhere add column x int;\n");
        write("V3__later.sql", "create table later (id int);\n");
        RehearsalReport r = rehearse(db);
        assertEquals(List.of(Verdict.IRREVERSIBLE, Verdict.FAILED, Verdict.SKIPPED),
                r.migrations().stream().map(MigrationRehearsal::verdict).toList());
        assertTrue(only(r, 0).problems().get(0).contains("add U1__accounts.sql"), only(r, 0).problems().toString());
    }
}
