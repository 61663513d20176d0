package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

/** Flags a plain index drop, which queues every query on the table behind it. */
public final class DropIndexNonConcurrently extends BaseRule {

    public static final String ID = "drop-index-non-concurrently";

    public DropIndexNonConcurrently() {
        super(ID, Severity.WARNING,
                "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.Drop d && d.objectType().equals("INDEX") && !d.concurrently()) {
            reporter.report(statement, "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every "
                    + "running query on it, and every query queues behind it",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + d.target().map(Object::toString).orElse("...") + ";");
        }
    }
}
