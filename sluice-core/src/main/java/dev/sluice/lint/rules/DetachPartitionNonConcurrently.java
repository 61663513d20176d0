package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;

/** Flags DETACH PARTITION without CONCURRENTLY (available from PostgreSQL 14). */
public final class DetachPartitionNonConcurrently extends BaseRule {

    public static final String ID = "detach-partition-non-concurrently";

    public DetachPartitionNonConcurrently() {
        super(ID, Severity.ERROR, "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (context.pgVersion() < 14 || !(statement instanceof PgStatement.AlterTable at) || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            if (a.type() == AlterTableAction.Type.DETACH_PARTITION && !a.concurrently()) {
                reporter.report(statement, a.line(), a.col(), "detaching " + a.name().orElse("") + " locks all of " + at.name()
                                + " (ACCESS EXCLUSIVE), blocking reads and writes of every partition",
                        "ALTER TABLE " + at.name() + " DETACH PARTITION " + a.name().orElse("...")
                                + " CONCURRENTLY; -- in a migration of its own (it cannot run in a transaction)");
            }
        }
    }
}
