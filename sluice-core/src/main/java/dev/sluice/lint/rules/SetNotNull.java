package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;

/**
 * Flags a NOT NULL that PostgreSQL must prove by scanning the table under its strongest lock. A
 * validated {@code CHECK (col IS NOT NULL)} known from earlier statements lets PostgreSQL skip the scan,
 * so it silences the rule.
 */
public final class SetNotNull extends BaseRule {

    public static final String ID = "set-not-null";

    public SetNotNull() {
        super(ID, Severity.ERROR,
                "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS NOT NULL) exists");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!(statement instanceof PgStatement.AlterTable at) || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            if (a.type() != AlterTableAction.Type.SET_NOT_NULL) {
                continue;
            }
            String column = a.column().orElse("");
            if (!context.schema().hasValidatedNotNullCheck(at.name(), column)) {
                String check = at.name().name() + "_" + column + "_not_null";
                reporter.report(statement, a.line(), a.col(), "SET NOT NULL on " + at.name() + "." + column + " reads every row "
                                + "while an ACCESS EXCLUSIVE lock blocks all reads and writes",
                        "ALTER TABLE " + at.name() + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID;\n"
                                + "-- next migration: ALTER TABLE " + at.name() + " VALIDATE CONSTRAINT " + check + ";\n"
                                + "-- then: ALTER TABLE " + at.name() + " ALTER COLUMN " + column + " SET NOT NULL;");
            }
        }
    }
}
