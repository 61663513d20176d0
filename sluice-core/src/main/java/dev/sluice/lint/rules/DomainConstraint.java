package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.StatementKind;

/**
 * Flags a domain constraint that PostgreSQL checks at once against every column of every table that
 * uses the domain.
 */
public final class DomainConstraint extends BaseRule {

    public static final String ID = "domain-constraint";

    public DomainConstraint() {
        super(ID, Severity.WARNING,
                "ALTER DOMAIN ADD CONSTRAINT or SET NOT NULL checks every table using the domain while blocking their writes");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement.kind() != StatementKind.ALTER_DOMAIN || !(statement instanceof PgStatement.AlterType t)) {
            return;
        }
        boolean add = t.action() == PgStatement.AlterType.Action.ADD_CONSTRAINT && !t.notValid();
        if (add || t.action() == PgStatement.AlterType.Action.SET_NOT_NULL) {
            reporter.report(statement, "changing domain " + t.name() + " scans every column of every table that uses it, "
                            + "holding a SHARE lock that blocks their writes",
                    add ? "ALTER DOMAIN " + t.name() + " ADD CONSTRAINT <name> CHECK (...) NOT VALID;\n"
                            + "-- next migration: ALTER DOMAIN " + t.name() + " VALIDATE CONSTRAINT <name>;"
                            : "ALTER DOMAIN " + t.name() + " ADD CONSTRAINT <name> CHECK (VALUE IS NOT NULL) NOT VALID; "
                            + "then VALIDATE it in the next migration");
        }
    }
}
