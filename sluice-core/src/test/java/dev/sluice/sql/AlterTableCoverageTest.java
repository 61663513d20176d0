package dev.sluice.sql;

import dev.sluice.sql.internal.StatementSplitter;
import dev.sluice.sql.internal.StatementParser;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintInput;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Linter;
import dev.sluice.lint.MigrationRole;
import dev.sluice.lint.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ALTER TABLE table ({@code alter-table.tsv}), row by row: each example parses to one sub-command of
 * the row's form, and the lint, reading the fixture as an earlier migration, reports it with the row's rule
 * and with no other lock rule (or with none where the row names none). {@code docs/alter-table.md} must be
 * what the data generates; {@code -Dsluice.writeDocs=true} rewrites it.
 */
class AlterTableCoverageTest {

    static final Path DOCS = Path.of("..", "docs", "alter-table.md");

    static List<AlterTableCoverage.Row> rows() {
        return AlterTableCoverage.rows();
    }

    /** Every rule the data names: the ones a row's verdict speaks for. */
    private static final Set<String> LOCK_RULES = AlterTableCoverage.rows().stream().flatMap(r -> r.rules().stream())
            .collect(Collectors.toSet());

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exampleParsesToItsFormAndGetsItsVerdict(AlterTableCoverage.Row row) throws IOException {
        List<PgStatement> parsed = StatementParser.parseAll(StatementSplitter.split(row.example() + ";\n", "example.sql"));
        assertEquals(1, parsed.size(), row.example());
        assertTrue(parsed.get(0) instanceof PgStatement.AlterTable, row.example() + " parsed as " + parsed.get(0));
        PgStatement.AlterTable at = (PgStatement.AlterTable) parsed.get(0);
        assertEquals(1, at.actions().size(), row.example());
        assertEquals(row.form(), AlterTableForm.of(at.actions().get(0)), row.example());
        assertEquals(row, AlterTableCoverage.row(row.form(), row.from()).orElseThrow());

        assertTrue(Rules.ids().containsAll(row.rules()), "unknown rule in " + row.rule());
        assertTrue(Set.of("yes", "no").contains(row.rewrite()) && Set.of("yes", "no").contains(row.scan()), row.toString());
        assertTrue(!row.rewrites() || row.scans(), "a rewrite reads every row: " + row);

        List<Finding> findings = new Linter(LintSettings.defaults().withPgVersion(Math.max(14, row.from()))).lint(List.of(
                new LintInput("V1__fixture.sql", MigrationRole.UP, fixture(), false),
                new LintInput("V2__example.sql", MigrationRole.UP, row.example() + ";\n", true))).findings();
        Set<String> lockFindings = findings.stream().map(Finding::rule).filter(LOCK_RULES::contains).collect(Collectors.toSet());
        assertEquals(Set.copyOf(row.rules()), lockFindings, row.example() + ": " + findings);
    }

    @Test
    void formsAreUniquePerMajor() {
        Set<String> seen = new HashSet<>();
        for (AlterTableCoverage.Row row : rows()) {
            for (int major = row.from(); major <= row.to(); major++) {
                assertTrue(seen.add(row.form() + "@" + major), "two rows for " + row.form() + " on " + major);
            }
            assertTrue(row.from() >= 14 && row.to() <= 18 && row.from() <= row.to(), row.toString());
        }
    }

    @Test
    void docsPageIsWhatTheDataGenerates() throws IOException {
        String expected = AlterTableDocs.render(rows());
        if (Boolean.getBoolean("sluice.writeDocs")) {
            Files.writeString(DOCS, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(DOCS), "missing " + DOCS + "; run with -Dsluice.writeDocs=true to generate it");
        assertEquals(expected, Files.readString(DOCS, StandardCharsets.UTF_8),
                DOCS + " disagrees with alter-table.tsv; run this test with -Dsluice.writeDocs=true to regenerate it");
        assertFalse(expected.contains("unknown"));
    }

    static String fixture() throws IOException {
        try (InputStream in = AlterTableCoverageTest.class.getResourceAsStream("/alter-table/fixture.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
