package dev.sluice.sql.internal;

import dev.sluice.sql.SqlScript;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SluiceDirective;
import dev.sluice.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementSplitterTest {

    private static List<String> texts(String script) {
        return StatementSplitter.split(script, "t.sql").statements().stream().map(SqlStatement::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsAndKeepsPositions() {
        SqlScript s = StatementSplitter.split("create table a (id int);\n\n  select 1;select 2", "t.sql");
        assertEquals(List.of("create table a (id int)", "select 1", "select 2"), s.statements().stream().map(SqlStatement::sql).toList());
        assertEquals(1, s.statements().get(0).line());
        assertEquals(3, s.statements().get(1).line());
        assertEquals(3, s.statements().get(1).column());
        assertEquals(12, s.statements().get(2).column());
    }

    @Test
    void skipsEmptyStatementsAndLeadingComments() {
        assertEquals(List.of("select 1"), texts(";;\n-- note\n/* block */ select 1;;"));
    }

    @Test
    void semicolonsInsideStringsIdentifiersAndCommentsDoNotSplit() {
        assertEquals(List.of("select 'a;b', \"we;ird\"\"id\"", "select E'it\\'s;', U&\"d\\0061t;a\""),
                texts("select 'a;b', \"we;ird\"\"id\";\nselect E'it\\'s;', U&\"d\\0061t;a\";"));
        assertEquals(List.of("select 1 /* a /* b */ ; */ + 1"), texts("select 1 /* a /* b */ ; */ + 1;"));
        assertEquals(List.of("select 'it''s; fine'"), texts("select 'it''s; fine';"));
    }

    @Test
    void dollarQuotedBodiesWithTags() {
        String fn = "create function f() returns int language plpgsql as $fn$\nbegin\n  perform 1;\n  return $$x;$$::text::int;\nend;\n$fn$";
        List<String> t = texts(fn + ";\nselect f();");
        assertEquals(2, t.size());
        assertEquals(fn, t.get(0));
        assertEquals(List.of("do $$ begin raise notice 'x;y'; end $$"), texts("do $$ begin raise notice 'x;y'; end $$;"));
    }

    @Test
    void positionalParameterIsNotADollarQuote() {
        assertEquals(List.of("prepare p as select $1", "select 2"), texts("prepare p as select $1; select 2;"));
    }

    @Test
    void beginAtomicBodyWithCaseEnd() {
        String fn = "create function g(x int) returns text language sql\nbegin atomic\n  select case when x > 0 then 'p' else 'n' end;\n  select 'done';\nend";
        assertEquals(List.of(fn, "select g(1)"), texts(fn + ";\nselect g(1);"));
    }

    @Test
    void plainBeginStillSplits() {
        assertEquals(List.of("begin", "select 1", "commit"), texts("begin;\nselect 1;\ncommit;"));
    }

    @Test
    void ruleActionListInParenthesesStaysOneStatement() {
        String rule = "create rule r as on insert to t do instead (insert into a values (1); insert into b values (2))";
        assertEquals(List.of(rule, "select 1"), texts(rule + ";\nselect 1;"));
    }

    @Test
    void copyFromStdinTakesItsData() {
        SqlScript s = StatementSplitter.split("copy t (a, b) from stdin;\n1\tx;y\n2\t\\N\n\\.\nselect 1;\n", "t.sql");
        assertEquals(2, s.statements().size());
        assertEquals("copy t (a, b) from stdin", s.statements().get(0).sql());
        assertEquals(Optional.of("1\tx;y\n2\t\\N\n"), s.statements().get(0).copyData());
        assertEquals("select 1", s.statements().get(1).sql());
        assertEquals(5, s.statements().get(1).line());
    }

    @Test
    void copyWithoutTerminatorNamesTheCopyLine() {
        SqlParseException e = assertThrows(SqlParseException.class,
                () -> StatementSplitter.split("select 1;\ncopy t from stdin;\n1\n2\n", "data.sql"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("data.sql:2: "), e.getMessage());
    }

    @Test
    void copyToStdoutIsAnOrdinaryStatement() {
        assertEquals(Optional.empty(), StatementSplitter.split("copy t to stdout;", "t.sql").statements().get(0).copyData());
    }

    @Test
    void metaCommandsAreRefusedWithTheLine() {
        SqlParseException e = assertThrows(SqlParseException.class,
                () -> StatementSplitter.split("select 1;\n\n\\i other.sql\n", "m.sql"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("\\i"), e.getMessage());
        assertTrue(e.getMessage().contains("JDBC"), e.getMessage());
    }

    @Test
    void unterminatedConstructsNameWhereTheyStarted() {
        assertEquals(2, assertThrows(SqlParseException.class, () -> StatementSplitter.split("select 1;\nselect 'abc;\n\n", "u.sql")).line());
        assertEquals(1, assertThrows(SqlParseException.class, () -> StatementSplitter.split("select \"abc\n;", "u.sql")).line());
        assertEquals(2, assertThrows(SqlParseException.class, () -> StatementSplitter.split("\ndo $x$ begin\n", "u.sql")).line());
        assertEquals(3, assertThrows(SqlParseException.class, () -> StatementSplitter.split("\n\n/* a /* b */\n", "u.sql")).line());
    }

    @Test
    void countsLinesAcrossCrlfAndCr() {
        SqlScript crlf = StatementSplitter.split("select 1;\r\n\r\nselect\r\n 2;", "t.sql");
        assertEquals(3, crlf.statements().get(1).line());
        assertEquals(4, crlf.statements().get(1).endLine());
        assertEquals("select\n 2", crlf.statements().get(1).sql());
        assertEquals(2, StatementSplitter.split("select 1;\rselect 2;", "t.sql").statements().get(1).line());
        assertEquals(1, StatementSplitter.split("\uFEFFselect 1;", "t.sql").statements().get(0).column());
    }

    @Test
    void multiLineStringsKeepLineNumbersRight() {
        SqlScript s = StatementSplitter.split("select 'a\nb', $$c\nd$$, E'e\\\nf';\nselect 2;", "t.sql");
        assertEquals(5, s.statements().get(1).line());
    }

    @Test
    void directivesAreFoundWithLinesButNotInsideBodies() {
        SqlScript s = StatementSplitter.split("-- sluice:transaction off\n--sluice:Lock-Timeout 5s \ncreate function f() returns int as $$\n"
                + "-- sluice:ignore not-a-directive\nselect 1 $$ language sql;\n-- sluice:validate\nselect true;", "t.sql");
        assertEquals(List.of(new SluiceDirective(1, "transaction", "off"), new SluiceDirective(2, "lock-timeout", "5s"),
                new SluiceDirective(6, "validate", "")), s.directives());
    }

    @Test
    void commentsInsideAStatementStayInItsText() {
        assertEquals(List.of("select 1 -- one\n  + 2"), texts("-- lead\nselect 1 -- one\n  + 2;"));
    }
}
