package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ColumnDefinition;
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
            if (a.type() == AlterTableAction.Type.ADD_COLUMN) {
                inline(at, a, statement, reporter);
                continue;
            }
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
                                + "-- then, in a later migration: ALTER TABLE " + at.name() + " VALIDATE CONSTRAINT " + name + ";\n"
                                + "-- or the online operation " + (fk ? "add_foreign_key" : "add_check")
                                + " in a V<n>__<desc>.yaml file does both (docs/online.md)");
            }
        }
    }

    /**
     * A constraint written inside {@code ADD COLUMN} cannot be NOT VALID. A CHECK is tested against every
     * row while the column's ACCESS EXCLUSIVE lock is held, even though the new column is all NULL; a
     * REFERENCES is checked only when a DEFAULT gives every row a value (without one, PostgreSQL skips the
     * check, as AlterTableCoverageIT shows on 14 to 18).
     */
    private static void inline(PgStatement.AlterTable at, AlterTableAction a, PgStatement statement, Reporter reporter) {
        ColumnDefinition c = a.newColumn().orElseThrow();
        boolean fk = c.references() && c.defaultValue().isPresent();
        if (!fk && !c.check()) {
            return;
        }
        String name = at.name().name() + "_" + c.name() + (fk ? "_fkey" : "_check");
        reporter.report(statement, a.line(), a.col(), (fk ? "REFERENCES" : "CHECK") + " written in ADD COLUMN " + c.name()
                        + " is checked against every row of " + at.name() + " while an ACCESS EXCLUSIVE lock blocks all reads"
                        + " and writes" + (fk ? " (and a SHARE ROW EXCLUSIVE lock blocks writes to the referenced table)" : ""),
                "ALTER TABLE " + at.name() + " ADD COLUMN " + c.name() + " " + c.type() + ";\n"
                        + "ALTER TABLE " + at.name() + " ADD CONSTRAINT " + name + (fk ? " FOREIGN KEY (" + c.name()
                        + ") REFERENCES ..." : " CHECK (...)") + " NOT VALID;\n"
                        + "-- then, in a later migration: ALTER TABLE " + at.name() + " VALIDATE CONSTRAINT " + name + ";");
    }
}
