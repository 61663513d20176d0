package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.MigrationRole;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;

/** Flags TRUNCATE: every row gone, under an ACCESS EXCLUSIVE lock, and with CASCADE in other tables too. */
public final class Truncate extends BaseRule {

    public static final String ID = "truncate";

    public Truncate() {
        super(ID, Severity.ERROR, "TRUNCATE deletes every row under an ACCESS EXCLUSIVE lock; CASCADE empties referencing tables too");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (context.role() == MigrationRole.DOWN || !(statement instanceof PgStatement.Truncate t)
                || !t.tables().isEmpty() && t.tables().stream().allMatch(n -> context.isNew(n, index))) {
            return;
        }
        String names = String.join(", ", t.tables().stream().map(QualifiedName::toString).toList());
        reporter.report(statement, "TRUNCATE " + names + " deletes every row while an ACCESS EXCLUSIVE lock blocks all reads"
                        + (t.cascade() ? ", and CASCADE also empties every table with a foreign key to it" : ""),
                "DELETE FROM " + (names.isEmpty() ? "..." : names) + " WHERE <condition> in batches, or suppress with a reason "
                        + "if emptying it is the point");
    }
}
