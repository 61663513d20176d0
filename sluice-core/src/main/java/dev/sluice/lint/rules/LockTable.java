package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

/** Flags an explicit LOCK TABLE: a lock held until the migration's transaction ends. */
public final class LockTable extends BaseRule {

    public static final String ID = "lock-table";

    public LockTable() {
        super(ID, Severity.WARNING, "LOCK TABLE holds a lock (ACCESS EXCLUSIVE by default) until the transaction ends");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.Lock l && !l.tables().stream().allMatch(t -> context.isNew(t, index))) {
            reporter.report(statement, "LOCK TABLE takes " + l.mode() + " on " + l.tables().get(0) + " and keeps it until the "
                            + "migration commits; whatever it blocks waits for every later statement",
                    "let each statement take the lock it needs, for as short as possible; if you must lock, lock last and keep the "
                            + "transaction short");
        }
    }
}
