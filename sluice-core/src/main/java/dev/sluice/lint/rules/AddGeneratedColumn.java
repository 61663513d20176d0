package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.PgStatement;

/** Flags columns whose every existing row must be given a value by a table rewrite. */
public final class AddGeneratedColumn extends BaseRule {

    public static final String ID = "add-generated-column";

    public AddGeneratedColumn() {
        super(ID, Severity.ERROR,
                "Adding a serial, identity or GENERATED ... STORED column to an existing table rewrites it under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!(statement instanceof PgStatement.AlterTable at) || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            ColumnDefinition c = a.newColumn().orElse(null);
            String what = c == null ? null : c.type().isSerial() ? c.type().name() : c.identity() ? "identity"
                    : c.generatedStored() ? "stored generated" : null;
            if (what != null) {
                String column = c.name();
                reporter.report(statement, a.line(), a.col(), "adding " + what + " column " + column + " fills every existing "
                                + "row of " + at.name() + ", rewriting the table while an ACCESS EXCLUSIVE lock blocks all reads and writes",
                        "add a plain nullable column, fill it with a trigger for new rows and a batched backfill for old ones, "
                                + "then add the default or constraint; or compute the value in a view");
            }
        }
    }
}
