package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI gate end to end, on throwaway PostgreSQL; no target database is configured, as in CI. */
class VerifyIT {

    @TempDir
    Path dir;

    private void migration(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations").resolve(name), text);
    }

    private static CliRun sluice(Path project, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--dir";
        all[1] = project.toString();
        all[2] = "--require-url";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.run(CliRun.env(), all);
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void quickstartPassesAndItsJunitReportParses() throws Exception {
        Path quickstart = Path.of("..", "examples", "quickstart").toAbsolutePath().normalize();
        Path report = dir.resolve("verify.xml");
        CliRun r = sluice(quickstart, "verify", "--format", "junit", "--out", report.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Document doc = xml(report);
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("0", root.getAttribute("failures"));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertTrue(cases.getLength() >= 7, "a test case per migration and per check, got " + cases.getLength());
        assertTrue(r.out().contains("verify passed"), r.out());
    }

    @Test
    void downThatForgetsAnIndexFailsVerifyInEveryFormat() throws Exception {
        migration("V1__accounts.sql", "create table accounts (id int primary key, email text);\n");
        migration("U1__accounts.sql", "drop table accounts;\n");
        migration("V2__email_index.sql", "create index concurrently if not exists accounts_email_idx on accounts (email);\n");
        migration("U2__email_index.sql", "select 1;\n");
        CliRun text = sluice(dir, "verify");
        assertEquals(ExitCodes.INVALID, text.exitCode(), text.toString());
        assertTrue(text.out().contains("FAIL V2 email index") && text.out().contains("removed index public.accounts_email_idx")
                || text.out().contains("accounts_email_idx"), text.out());

        Path report = dir.resolve("verify.xml");
        sluice(dir, "verify", "--format", "junit", "--out", report.toString());
        Document doc = xml(report);
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        assertEquals(1, doc.getElementsByTagName("failure").getLength());

        CliRun github = sluice(dir, "verify", "--format", "github");
        assertTrue(github.out().contains("::error title=rehearsal%3A V2 email index"), github.out());
        CliRun json = sluice(dir, "verify", "--format", "json");
        assertTrue(json.out().contains("\"passed\": false"), json.out());
    }

    @Test
    void aRewriteOnlyTracingSeesFailsTheLockTrace() throws Exception {
        migration("V1__events.sql", "create table events (id bigint generated always as identity primary key);\n");
        migration("U1__events.sql", "drop table events;\n");
        // The lint reads ALTER TABLE ... SET UNLOGGED (whole-table-under-lock), but not SQL built at run time.
        migration("V2__unlogged.sql", "do $$ begin execute 'alter table events set unlogged'; end $$;\n");
        migration("U2__unlogged.sql", "do $$ begin execute 'alter table events set logged'; end $$;\n");
        CliRun r = sluice(dir, "verify");
        assertEquals(ExitCodes.INVALID, r.exitCode(), r.toString());
        assertTrue(r.out().contains("ok   lint"), "the lint cannot predict this rewrite: " + r.out());
        assertTrue(r.out().contains("FAIL lock trace"), r.out());
        assertTrue(r.out().contains("V2__unlogged.sql:1:1: error [table-rewrite] rewrote table public.events"), r.out());
    }

    @Test
    void aRewriteTheLintPredictsIsReportedOnceWithTheLintsRuleId() throws Exception {
        migration("V1__orders.sql", "create domain cents as int;\ncreate table orders (id bigint primary key, total cents);\n");
        migration("U1__orders.sql", "drop table orders;\ndrop domain cents;\n");
        migration("V2__widen.sql", "alter table orders alter column total type bigint;\n");
        migration("U2__widen.sql", "alter table orders alter column total type cents;\n");
        CliRun r = sluice(dir, "verify");
        assertEquals(ExitCodes.INVALID, r.exitCode(), r.toString());
        assertTrue(r.out().contains("V2__widen.sql:1:20: error [column-type-rewrite]"), r.out());
        assertTrue(r.out().contains("ok   lock trace"), "the trace's own finding of it is folded into the lint's: " + r.out());
    }

    @Test
    void schemaFileMustMatchTheMigrations() throws Exception {
        migration("V1__accounts.sql", "create table accounts (id int primary key, email text);\n");
        migration("U1__accounts.sql", "drop table accounts;\n");
        Files.writeString(dir.resolve("schema.sql"), "create table accounts (id int primary key, email text);\n");
        CliRun same = sluice(dir, "verify");
        assertEquals(0, same.exitCode(), same.toString());
        assertTrue(same.out().contains("ok   schema file schema.sql"), same.out());
        Files.writeString(dir.resolve("schema.sql"), "create table accounts (id int primary key, email varchar(100));\n");
        CliRun differs = sluice(dir, "verify");
        assertEquals(ExitCodes.INVALID, differs.exitCode(), differs.toString());
        assertTrue(differs.out().contains("FAIL schema file schema.sql") && differs.out().contains("accounts.email"), differs.out());
    }

    @Test
    void rehearseTreatsAMissingDownAsConfigured() throws Exception {
        migration("V1__accounts.sql", "create table accounts (id int primary key);\n");
        CliRun warning = sluice(dir, "rehearse");
        assertEquals(0, warning.exitCode(), warning.toString());
        assertTrue(warning.out().contains("warn V1 accounts"), warning.out());
        CliRun error = sluice(dir, "rehearse", "--irreversible", "error");
        assertEquals(ExitCodes.INVALID, error.exitCode(), error.toString());
        assertFalse(error.out().contains("every down restores"), error.out());
    }
}
