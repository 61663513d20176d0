package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.StatementKind;

/** Flags CLUSTER, which rewrites the table in index order under its strongest lock. */
public final class Cluster extends BaseRule {

    public static final String ID = "cluster";

    public Cluster() {
        super(ID, Severity.ERROR, "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement.kind() == StatementKind.CLUSTER
                && !(statement.target().isPresent() && context.isNew(statement.target().get(), index))) {
            reporter.report(statement, "CLUSTER rewrites " + statement.target().map(Object::toString).orElse("every clustered table")
                            + " while an ACCESS EXCLUSIVE lock blocks all reads and writes",
                    "pg_repack --order-by reorders a table online; or leave the order to autovacuum and a fillfactor");
        }
    }
}
