package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.PgStatement;

/** Flags a column that cannot be added to a table holding rows. */
public final class AddNotNullColumnWithoutDefault extends BaseRule {

    public static final String ID = "add-not-null-column-without-default";

    public AddNotNullColumnWithoutDefault() {
        super(ID, Severity.ERROR, "A new NOT NULL column without a DEFAULT fails on a table that has rows");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!(statement instanceof PgStatement.AlterTable at) || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            ColumnDefinition c = a.newColumn().orElse(null);
            if (c != null && c.notNull() && c.defaultValue().isEmpty() && !c.identity() && !c.generatedStored()
                    && !c.type().isSerial()) {
                reporter.report(statement, a.line(), a.col(), "column " + c.name() + " is NOT NULL without a DEFAULT: the "
                                + "statement fails as soon as " + at.name() + " holds a row",
                        "ALTER TABLE " + at.name() + " ADD COLUMN " + c.name() + " " + c.type() + " NOT NULL DEFAULT <constant>;\n"
                                + "-- or add it nullable, backfill in batches, then add NOT NULL the safe way (rule set-not-null)");
            }
        }
    }
}
