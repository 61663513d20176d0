package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;

/** Flags concurrent builds wrapped in an explicit transaction, which PostgreSQL refuses. */
public final class ConcurrentlyInTransaction extends BaseRule {

    public static final String ID = "concurrently-in-transaction";

    public ConcurrentlyInTransaction() {
        super(ID, Severity.ERROR,
                "A CONCURRENTLY operation inside BEGIN ... COMMIT fails: it cannot run in a transaction block");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        boolean concurrent = statement instanceof PgStatement.CreateIndex ci && ci.concurrently()
                || statement instanceof PgStatement.Drop d && d.concurrently()
                || statement instanceof PgStatement.Reindex r && r.concurrently()
                || statement instanceof PgStatement.AlterTable at && at.actions().stream()
                        .anyMatch(a -> a.type() == AlterTableAction.Type.DETACH_PARTITION && a.concurrently());
        if (concurrent && context.explicitTransactionAt(index)) {
            reporter.report(statement, "this statement cannot run inside the transaction block that the BEGIN before it opens; "
                    + "PostgreSQL refuses it", "remove BEGIN/COMMIT around it: Sluice runs a file with a CONCURRENTLY "
                    + "statement in autocommit on its own");
        }
    }
}
