package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

/** Flags a rebuild that holds a blocking lock for its whole duration. */
public final class ReindexNonConcurrently extends BaseRule {

    public static final String ID = "reindex-non-concurrently";

    public ReindexNonConcurrently() {
        super(ID, Severity.ERROR,
                "REINDEX without CONCURRENTLY blocks writes to the table while it rebuilds");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.Reindex r && !r.concurrently() && !r.objectType().equals("SYSTEM")) {
            reporter.report(statement, "REINDEX " + r.objectType() + " locks out writes (and reads that would use the index) "
                    + "until the rebuild is done", "REINDEX " + r.objectType() + " CONCURRENTLY "
                    + r.name().map(Object::toString).orElse("...") + ";");
        }
    }
}
