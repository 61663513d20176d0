package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.StatementKind;

import java.util.Locale;

/**
 * Flags statements that fail when run twice, in a migration that runs statement by statement. Such a
 * migration can stop halfway; after the cause is fixed it runs again from the top, and every statement
 * that already ran must then be a no-op.
 */
public final class NonIdempotentAutocommit extends BaseRule {

    public static final String ID = "non-idempotent-autocommit";

    public NonIdempotentAutocommit() {
        super(ID, Severity.WARNING,
                "A migration that runs outside a transaction should use IF [NOT] EXISTS so a re-run after a failure works");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (context.transactional() || context.explicitTransactionAt(index)) {
            return;
        }
        String missing = missing(statement);
        if (missing != null) {
            reporter.report(statement, "this migration runs statement by statement; if it stops after this statement, "
                            + "running it again fails here", "add " + missing);
        }
    }

    private static String missing(PgStatement s) {
        String upper = s.source().sql().toUpperCase(Locale.ROOT);
        if (s instanceof PgStatement.CreateTable ct) {
            return ct.ifNotExists() ? null : "IF NOT EXISTS";
        }
        if (s instanceof PgStatement.CreateIndex ci) {
            return ci.ifNotExists() ? null : "IF NOT EXISTS";
        }
        if (s instanceof PgStatement.Drop d) {
            return d.ifExists() ? null : "IF EXISTS";
        }
        if (s instanceof PgStatement.AlterTable at) {
            for (AlterTableAction a : at.actions()) {
                String text = a.text().toUpperCase(Locale.ROOT);
                if (a.type() == AlterTableAction.Type.ADD_COLUMN && !text.contains("IF NOT EXISTS")) {
                    return "ADD COLUMN IF NOT EXISTS";
                }
                if ((a.type() == AlterTableAction.Type.DROP_COLUMN || a.type() == AlterTableAction.Type.DROP_CONSTRAINT)
                        && !text.contains("IF EXISTS")) {
                    return "DROP ... IF EXISTS";
                }
            }
            return null;
        }
        if (s instanceof PgStatement.AlterType t && t.action() == PgStatement.AlterType.Action.ADD_VALUE) {
            return upper.contains("IF NOT EXISTS") ? null : "ADD VALUE IF NOT EXISTS";
        }
        StatementKind k = s.kind();
        if ((k == StatementKind.CREATE_SCHEMA || k == StatementKind.CREATE_EXTENSION || k == StatementKind.CREATE_SEQUENCE)
                && !upper.contains("IF NOT EXISTS")) {
            return "IF NOT EXISTS";
        }
        return null;
    }
}
