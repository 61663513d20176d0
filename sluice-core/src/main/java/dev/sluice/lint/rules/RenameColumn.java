package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;

/** Flags a column rename, which breaks every running client that still uses the old name. */
public final class RenameColumn extends BaseRule {

    public static final String ID = "rename-column";

    public RenameColumn() {
        super(ID, Severity.WARNING, "Renaming a column breaks the application code still running with the old name");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!(statement instanceof PgStatement.AlterTable at) || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            if (a.type() == AlterTableAction.Type.RENAME_COLUMN) {
                reporter.report(statement, a.line(), a.col(), "renaming " + at.name() + "." + a.column().orElse("") + " to "
                                + a.name().orElse("") + " breaks every query of the running application that uses the old name",
                        "add the new column, write to both, backfill, move readers, then drop the old column in a later release;"
                                + " or let Sluice do it: the online operation rename_column in a V<n>__<desc>.yaml file (docs/online.md)");
            }
        }
    }
}
