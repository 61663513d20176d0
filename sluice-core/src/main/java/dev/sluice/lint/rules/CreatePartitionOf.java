package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

/**
 * Flags {@code CREATE TABLE ... PARTITION OF} an existing partitioned table: it locks the parent
 * ACCESS EXCLUSIVE, where creating the table on its own and attaching it takes only a lock that lets
 * reads and writes go on.
 */
public final class CreatePartitionOf extends BaseRule {

    public static final String ID = "create-partition-of";

    public CreatePartitionOf() {
        super(ID, Severity.WARNING,
                "CREATE TABLE ... PARTITION OF locks the whole partitioned table; create the table, then ATTACH PARTITION");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!(statement instanceof PgStatement.CreateTable ct) || ct.partitionOf().isEmpty()
                || context.isNew(ct.partitionOf().get(), index)) {
            return;
        }
        String parent = ct.partitionOf().get().toString();
        reporter.report(statement, "CREATE TABLE " + ct.name() + " PARTITION OF " + parent + " takes an ACCESS EXCLUSIVE lock "
                        + "on " + parent + ": every read and write of every partition waits for it",
                "CREATE TABLE " + ct.name() + " (LIKE " + parent + " INCLUDING ALL);\n"
                        + "ALTER TABLE " + ct.name() + " ADD CONSTRAINT " + ct.name().name() + "_bounds CHECK (<the partition bounds>);\n"
                        + "ALTER TABLE " + parent + " ATTACH PARTITION " + ct.name() + " FOR VALUES ...;  -- SHARE UPDATE EXCLUSIVE");
    }
}
