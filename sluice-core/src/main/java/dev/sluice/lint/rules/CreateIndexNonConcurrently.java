package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

/**
 * Flags a plain index build on a table that already holds data and serves traffic. {@code ON ONLY} is
 * left alone: it builds nothing on a partitioned parent, and is the first step of the safe way there.
 */
public final class CreateIndexNonConcurrently extends BaseRule {

    public static final String ID = "create-index-non-concurrently";

    public CreateIndexNonConcurrently() {
        super(ID, Severity.ERROR,
                "CREATE INDEX without CONCURRENTLY on an existing table blocks writes for the whole build");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.CreateIndex ci && !ci.concurrently() && context.isExisting(ci.table(), index)
                && !ci.only()) {
            if (context.schema().isPartitioned(ci.table())) {
                reporter.report(statement, "CREATE INDEX on partitioned table " + ci.table() + " builds the index on every "
                                + "partition under a SHARE lock, blocking writes to all of them until the last is done",
                        "CREATE INDEX <name> ON ONLY " + ci.table() + " (...);  -- instant, invalid until all partitions attach\n"
                                + "-- for each partition, in a migration of its own:\n"
                                + "CREATE INDEX CONCURRENTLY <part_name> ON <partition> (...);\n"
                                + "ALTER INDEX <name> ATTACH PARTITION <part_name>;");
                return;
            }
            reporter.report(statement, "CREATE INDEX on existing table " + ci.table() + " takes a SHARE lock: inserts, updates and "
                            + "deletes wait until the whole index is built",
                    "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS ... ON " + ci.table()
                            + " (...); -- in a migration of its own");
        }
    }
}
