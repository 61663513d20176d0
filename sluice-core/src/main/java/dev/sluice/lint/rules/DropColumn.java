package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.MigrationRole;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;

/**
 * Flags a column drop: the data is gone and clients that still select the column fail. Not checked in
 * down files, whose purpose is to remove what their up added.
 */
public final class DropColumn extends BaseRule {

    public static final String ID = "drop-column";

    public DropColumn() {
        super(ID, Severity.ERROR, "Dropping a column destroys its data and breaks clients that still use it (not checked in U files)");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (context.role() == MigrationRole.DOWN || !(statement instanceof PgStatement.AlterTable at)
                || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            if (a.type() == AlterTableAction.Type.DROP_COLUMN) {
                reporter.report(statement, a.line(), a.col(), "dropping " + at.name() + "." + a.column().orElse("")
                                + " destroys its data, and running code that still selects it fails",
                        "first release code that no longer uses the column; then drop it with "
                                + "'-- sluice:ignore drop-column <why it is safe>' on the line before; or the online operation drop_column"
                                + " in a V<n>__<desc>.yaml file hides it from the new version at once and drops it at complete (docs/online.md)");
            }
        }
    }
}
