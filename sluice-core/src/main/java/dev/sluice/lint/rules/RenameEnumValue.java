package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

/** Flags an enum value rename: running code that writes or compares the old label fails. */
public final class RenameEnumValue extends BaseRule {

    public static final String ID = "rename-enum-value";

    public RenameEnumValue() {
        super(ID, Severity.WARNING, "Renaming an enum value breaks running code that still writes or compares the old label");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.AlterType t && t.action() == PgStatement.AlterType.Action.RENAME_VALUE) {
            reporter.report(statement, "renaming a value of " + t.name() + " to '" + t.value().orElse("")
                            + "' makes every running query that uses the old label fail (invalid input value for enum)",
                    "ALTER TYPE " + t.name() + " ADD VALUE '<new>'; then move the application and the rows to it; the old value "
                            + "can stay unused");
        }
    }
}
