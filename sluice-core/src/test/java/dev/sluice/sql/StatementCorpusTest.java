package dev.sluice.sql;

import dev.sluice.sql.internal.StatementSplitter;
import dev.sluice.sql.internal.StatementParser;
import dev.sluice.sql.Token;
import dev.sluice.sql.internal.SqlLexer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parses every statement of the corpus under {@code src/test/resources/sql-corpus}: each must parse to
 * the kind its {@code -- sluice:expect KIND} line announces, and none may throw.
 */
class StatementCorpusTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "sql-corpus");

    record Case(String file, SqlStatement statement, StatementKind expected) {
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        for (Path file : files) {
            SqlScript script = StatementSplitter.split(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
            List<SluiceDirective> expects = script.directives().stream().filter(d -> d.keyword().equals("expect")).toList();
            for (SqlStatement s : script.statements()) {
                SluiceDirective governing = null;
                for (SluiceDirective d : expects) {
                    if (d.line() < s.line()) {
                        governing = d;
                    }
                }
                if (governing == null) {
                    throw new IllegalStateException(file + ":" + s.line() + " has no '-- sluice:expect KIND' above it");
                }
                cases.add(new Case(file.getFileName() + ":" + s.line(), s, StatementKind.valueOf(governing.argument())));
            }
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyStatementParsesToItsKind() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + " " + c.statement().summary(50), () -> {
            PgStatement parsed = StatementParser.parse(c.statement());
            assertEquals(c.expected(), parsed.kind(), c.statement().sql());
        }));
    }

    @Test
    void corpusHoldsAtLeastThreeHundredStatements() throws IOException {
        int n = cases().size();
        assertTrue(n >= 300, "corpus has only " + n + " statements");
    }

    @Test
    void detailedKindsAreNotLeftOpaque() throws IOException {
        for (Case c : cases()) {
            PgStatement p = StatementParser.parse(c.statement());
            boolean shouldBeDetailed = switch (c.expected()) {
                case CREATE_INDEX, DROP_INDEX, DROP_TABLE, REINDEX, TRUNCATE, LOCK, VACUUM, CLUSTER, UPDATE, DELETE, INSERT,
                     SET -> true;
                case CREATE_TABLE -> !c.statement().sql().toLowerCase().contains(" as select");
                case ALTER_TABLE -> !c.statement().sql().toLowerCase().contains("all in tablespace");
                default -> false;
            };
            if (shouldBeDetailed) {
                assertTrue(!(p instanceof PgStatement.Opaque), c.file() + " was left opaque: " + c.statement().sql());
            }
        }
    }

    /** Every prefix of every corpus statement, cut at a token boundary: half-written SQL must not throw either. */
    @Test
    void truncatedStatementsNeverThrow() throws IOException {
        int parsed = 0;
        for (Case c : cases()) {
            String sql = c.statement().sql();
            SqlLexer lexer = new SqlLexer(sql, "cut");
            Token t;
            while ((t = lexer.next()) != null) {
                String prefix = sql.substring(0, t.end());
                PgStatement p = StatementParser.parse(new SqlStatement(prefix, 1, 1, 1));
                assertTrue(p.kind() != null, prefix);
                parsed++;
            }
        }
        assertTrue(parsed > 3000, "only " + parsed + " prefixes");
    }
}
