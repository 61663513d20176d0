package dev.sluice.verify;

import dev.sluice.lint.Finding;
import dev.sluice.lint.Severity;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verify report's renderings, as a build plugin writes them: no database, no command line. */
class VerifyReportFormatTest {

    private static final VerifyReport REPORT = new VerifyReport(List.of(
            VerifyCheck.passed("checks", "migration files", 3),
            new VerifyCheck("checks", "lint", VerifyCheck.Status.WARNING, "1 finding(s)", "V1.sql:1:1 x",
                    List.of(new Finding("migrations/V1.sql", 1, 1, "add-column-default", Severity.WARNING, "a <b> & \"c\"", "")), 5),
            new VerifyCheck("rehearsal", "V2 index [V2.sql]", VerifyCheck.Status.FAILED, "the down does not restore",
                    "the down does not restore\n    removed index i", List.of(), 1500),
            new VerifyCheck("checks", "schema file schema.sql", VerifyCheck.Status.SKIPPED, "the project keeps no schema.sql", "",
                    List.of(), 0)), "a throwaway PostgreSQL 16");

    private static String print(Consumer<PrintWriter> render) {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        render.accept(w);
        w.flush();
        return out.toString();
    }

    @Test
    void junitHasASuitePerKindAndEscapesWhatXmlCannotHold() {
        String xml = VerifyReportFormat.of(REPORT).junit();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sluice verify\" tests=\"4\" failures=\"1\">\n"), xml);
        assertTrue(xml.contains("<testsuite name=\"checks\" tests=\"3\" failures=\"0\" skipped=\"1\" time=\"0.008\">"), xml);
        assertTrue(xml.contains("<testsuite name=\"rehearsal\" tests=\"1\" failures=\"1\" skipped=\"0\" time=\"1.500\">"), xml);
        assertTrue(xml.contains("<failure message=\"the down does not restore\">the down does not restore\n    removed index i</failure>"), xml);
        assertTrue(xml.contains("<skipped message=\"the project keeps no schema.sql\"/>"), xml);
    }

    @Test
    void textShowsDetailsOnceAndTheVerdict() {
        String text = print(VerifyReportFormat.of(REPORT)::text);
        assertEquals("""
                checks:
                  ok   migration files
                  warn lint: 1 finding(s)
                         V1.sql:1:1 x
                  skip schema file schema.sql: the project keeps no schema.sql
                rehearsal:
                  FAIL V2 index [V2.sql]: the down does not restore
                             removed index i
                verify failed: 1 of 4 checks failed
                """, text);
    }

    @Test
    void githubAnnotatesFindingsAndChecksWithoutThem() {
        String github = print(VerifyReportFormat.of(REPORT)::github);
        assertEquals("""
                ::warning file=migrations/V1.sql,line=1,col=1,title=add-column-default::a <b> & "c"
                ::error title=rehearsal%3A V2 index [V2.sql]::the down does not restore%0Athe down does not restore%0A    removed index i
                """, github);
    }
}
