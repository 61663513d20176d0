package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.Token;
import dev.sluice.sql.internal.SqlLexer;

import java.nio.charset.StandardCharsets;

/**
 * Flags names longer than 63 bytes. PostgreSQL cuts them silently, so two long names can become the
 * same name, and a later migration that spells the full name refers to nothing.
 */
public final class IdentifierTooLong extends BaseRule {

    public static final String ID = "identifier-too-long";

    public IdentifierTooLong() {
        super(ID, Severity.ERROR, "Names over 63 bytes are silently truncated by PostgreSQL");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        String kind = statement.kind().name();
        if (!kind.startsWith("CREATE") && !kind.startsWith("ALTER") && !kind.equals("COMMENT")) {
            return;
        }
        for (Token t : statement.info().tokens()) {
            java.util.Optional<String> identifier = SqlLexer.identifierName(t);
            if (identifier.isEmpty()) {
                continue;
            }
            String name = identifier.get();
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 63) {
                reporter.report(statement, statement.info().line(t), statement.info().column(t), "name '" + name + "' is "
                                + bytes + " bytes; PostgreSQL silently cuts it to 63, so later references to the full name miss it",
                        "use a name of at most 63 bytes");
            }
        }
    }
}
