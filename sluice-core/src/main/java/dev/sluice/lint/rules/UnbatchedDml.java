package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.StatementKind;

/**
 * Flags an UPDATE or DELETE of a whole existing table in one statement: every row stays locked until
 * commit, the table bloats, and replicas fall behind.
 */
public final class UnbatchedDml extends BaseRule {

    public static final String ID = "unbatched-dml";

    public UnbatchedDml() {
        super(ID, Severity.WARNING, "UPDATE or DELETE without WHERE touches the whole table in one transaction; batch it");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.Dml d && !d.hasWhere()
                && (d.kind() == StatementKind.UPDATE || d.kind() == StatementKind.DELETE) && context.isExisting(d.table(), index)) {
            reporter.report(statement, d.kind() + " of every row of " + d.table() + " in one statement locks all those rows "
                            + "until commit and writes the whole table again",
                    d.kind() + " ... WHERE id BETWEEN :from AND :to; -- in batches of a few thousand rows, each committed, "
                            + "from a migration with '-- sluice:transaction off' or a background job");
        }
    }
}
