package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;

/**
 * Flags a NOT NULL that PostgreSQL must prove by scanning the table under its strongest lock. A
 * validated {@code CHECK (col IS NOT NULL)} known from earlier statements lets PostgreSQL skip the scan,
 * so it silences the rule. PostgreSQL 18's {@code ADD CONSTRAINT ... NOT NULL col} is judged the same way
 * unless it is {@code NOT VALID}.
 */
public final class SetNotNull extends BaseRule {

    public static final String ID = "set-not-null";

    public SetNotNull() {
        super(ID, Severity.ERROR,
                "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS NOT NULL) exists");
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
            boolean notNullConstraint = a.type() == AlterTableAction.Type.ADD_CONSTRAINT
                    && a.constraint().orElseThrow().type() == ConstraintDefinition.Type.NOT_NULL
                    && !a.constraint().orElseThrow().notValid();
            if (a.type() != AlterTableAction.Type.SET_NOT_NULL && !notNullConstraint) {
                continue;
            }
            String column = notNullConstraint ? a.constraint().orElseThrow().columns().get(0) : a.column().orElse("");
            if (!context.schema().hasValidatedNotNullCheck(at.name(), column)) {
                String check = at.name().name() + "_" + column + "_not_null";
                reporter.report(statement, a.line(), a.col(), "SET NOT NULL on " + at.name() + "." + column + " reads every row "
                                + "while an ACCESS EXCLUSIVE lock blocks all reads and writes",
                        "ALTER TABLE " + at.name() + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID;\n"
                                + "-- next migration: ALTER TABLE " + at.name() + " VALIDATE CONSTRAINT " + check + ";\n"
                                + "-- then: ALTER TABLE " + at.name() + " ALTER COLUMN " + column + " SET NOT NULL;\n"
                                + "-- or the online operation set_not_null in a V<n>__<desc>.yaml file (docs/online.md)");
            }
        }
    }
}
