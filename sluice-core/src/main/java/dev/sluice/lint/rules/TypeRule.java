package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

/** A rule about the type a column is declared with, in CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE. */
abstract class TypeRule extends BaseRule {

    TypeRule(String id, Severity severity, String summary) {
        super(id, severity, summary);
    }

    @Override
    public final void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!ColumnTypes.applies(context, statement)) {
            return;
        }
        for (ColumnTypes.Declared d : ColumnTypes.of(statement)) {
            String message = judge(d);
            if (message != null) {
                reporter.report(statement, d.line(), d.col(), d.table() + "." + d.column() + ": " + message, alternative(d));
            }
        }
    }

    /** What is wrong with the declaration, or null when nothing is. */
    abstract String judge(ColumnTypes.Declared d);

    abstract String alternative(ColumnTypes.Declared d);
}
