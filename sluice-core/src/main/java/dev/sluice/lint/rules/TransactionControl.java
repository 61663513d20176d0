package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.StatementKind;

/**
 * Flags BEGIN, COMMIT or ROLLBACK in a file that Sluice already runs in a transaction: the statement would
 * end Sluice's transaction before the history row is written.
 */
public final class TransactionControl extends BaseRule {

    public static final String ID = "transaction-control";

    public TransactionControl() {
        super(ID, Severity.ERROR, "BEGIN/COMMIT/ROLLBACK inside a migration that Sluice already wraps in a transaction");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        StatementKind k = statement.kind();
        if ((k == StatementKind.BEGIN || k == StatementKind.COMMIT || k == StatementKind.ROLLBACK) && context.transactional()) {
            reporter.report(statement, "Sluice runs this file in one transaction together with its history row; "
                            + statement.source().summary(20) + " would end or nest that transaction",
                    "remove it; or put '-- sluice:transaction off' in the header to run the file statement by statement");
        }
    }
}
