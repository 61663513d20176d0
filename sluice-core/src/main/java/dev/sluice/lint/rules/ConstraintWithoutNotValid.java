package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;

/** Flags constraints that check every existing row while holding a lock that blocks writes. */
public final class ConstraintWithoutNotValid extends BaseRule {

    public static final String ID = "constraint-without-not-valid";

    public ConstraintWithoutNotValid() {
        super(ID, Severity.ERROR,
                "Adding a FOREIGN KEY or CHECK constraint without NOT VALID scans the table under a lock that blocks writes");
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
            if (a.type() != AlterTableAction.Type.ADD_CONSTRAINT) {
                continue;
            }
            ConstraintDefinition c = a.constraint().orElseThrow();
            boolean fk = c.type() == ConstraintDefinition.Type.FOREIGN_KEY;
            if ((fk || c.type() == ConstraintDefinition.Type.CHECK) && !c.notValid()) {
                String name = c.name().orElse("<name>");
                reporter.report(statement, a.line(), a.col(), (fk ? "FOREIGN KEY" : "CHECK") + " constraint on existing table "
                                + at.name() + " is checked against every row while "
                                + (fk ? "a SHARE ROW EXCLUSIVE lock on both tables" : "an ACCESS EXCLUSIVE lock") + " blocks writes",
                        "ALTER TABLE " + at.name() + " ADD CONSTRAINT " + name + " ... NOT VALID;\n"
                                + "-- then, in a later migration: ALTER TABLE " + at.name() + " VALIDATE CONSTRAINT " + name + ";");
            }
        }
    }
}
