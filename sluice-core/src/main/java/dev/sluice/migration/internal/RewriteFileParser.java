package dev.sluice.migration.internal;

import dev.sluice.migration.MigrationFileException;
import dev.sluice.migration.RewriteMigrationBody;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.SluiceDirective;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlScript;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementKind;
import dev.sluice.sql.Token;
import dev.sluice.sql.TokenKind;
import dev.sluice.sql.internal.StatementParser;
import dev.sluice.sql.internal.StatementSplitter;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code -- sluice:rewrite} file: exactly one {@code ALTER TABLE <table> <clauses>;}, split into the
 * table and the clauses that {@code sluice rewrite --table --alter} takes. Anything else is refused with its
 * line, since a second statement would have no transaction to run in and no rollback. The clauses
 * themselves are checked against the database when the rewrite starts, as for the command.
 */
final class RewriteFileParser {

    private static final Set<String> ALLOWED_DIRECTIVES = Set.of("rewrite", "ignore", "ignore-file");

    private RewriteFileParser() {
    }

    static RewriteMigrationBody parse(String name, String text) {
        SqlScript script;
        try {
            script = StatementSplitter.split(text, name);
        } catch (SqlParseException e) {
            throw new MigrationFileException(name, e.line(), e.getMessage(), e);
        }
        for (SluiceDirective d : script.directives()) {
            if (!ALLOWED_DIRECTIVES.contains(d.keyword())) {
                throw new MigrationFileException(name, d.line(), "'-- sluice:" + d.keyword() + "' has no meaning in a"
                        + " '-- sluice:rewrite' file: the rewrite takes its lock timeout and batches from the settings; remove the line");
            }
        }
        List<SqlStatement> statements = script.statements();
        if (statements.isEmpty()) {
            throw new MigrationFileException(name, 1, "a '-- sluice:rewrite' file holds one ALTER TABLE <table> <clauses>; this one has none");
        }
        if (statements.size() > 1) {
            throw new MigrationFileException(name, statements.get(1).line(), "a '-- sluice:rewrite' file holds exactly one"
                    + " ALTER TABLE statement; move this statement to a migration of its own");
        }
        SqlStatement only = statements.get(0);
        PgStatement parsed = StatementParser.parse(only);
        List<Token> tokens = parsed.info().tokens();
        if (parsed.kind() != StatementKind.ALTER_TABLE || tokens.size() < 3) {
            throw new MigrationFileException(name, only.line(), "a '-- sluice:rewrite' file holds one ALTER TABLE <table> <clauses>;"
                    + " this statement is not an ALTER TABLE (" + only.summary(60) + ")");
        }
        int at = 2;
        if (at + 1 < tokens.size() && tokens.get(at).isWord("IF") && tokens.get(at + 1).isWord("EXISTS")) {
            throw new MigrationFileException(name, only.line(), "ALTER TABLE IF EXISTS: a rewrite needs its table;"
                    + " remove IF EXISTS");
        }
        if (tokens.get(at).isWord("ONLY")) {
            at++;
        }
        if (at >= tokens.size() || !isName(tokens.get(at))) {
            throw new MigrationFileException(name, only.line(), "ALTER TABLE without a table name");
        }
        int nameStart = tokens.get(at).start();
        at++;
        if (at + 1 < tokens.size() && tokens.get(at).is(".") && isName(tokens.get(at + 1))) {
            at += 2;
        }
        String table = only.sql().substring(nameStart, tokens.get(at - 1).end());
        String alter = at < tokens.size() ? only.sql().substring(tokens.get(at).start()).strip() : "";
        if (alter.endsWith(";")) {
            alter = alter.substring(0, alter.length() - 1).strip();
        }
        return new RewriteMigrationBody(name, text, table, alter, only.line());
    }

    private static boolean isName(Token t) {
        return t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENTIFIER;
    }
}
