package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags several ALTER TABLE statements on one existing table in one transaction: each queues for the
 * lock again and may rewrite the table again, where one statement with several sub-commands does both once.
 */
public final class MultipleAlterTable extends BaseRule {

    public static final String ID = "multiple-alter-table";

    public MultipleAlterTable() {
        super(ID, Severity.INFO, "Several ALTER TABLE statements on one table in a transaction should be one statement");
    }

    @Override
    public void finish(LintContext context, Reporter reporter) {
        Map<String, Integer> first = new HashMap<>();
        List<PgStatement> all = context.statements();
        for (int i = 0; i < all.size(); i++) {
            if (!(all.get(i) instanceof PgStatement.AlterTable at) || context.isNew(at.name(), i)) {
                continue;
            }
            boolean renames = at.actions().stream().anyMatch(a -> a.type().name().startsWith("RENAME"));
            if (renames) {
                continue;
            }
            Integer earlier = first.putIfAbsent(at.name().key(), i);
            if (earlier != null && context.sameTransaction(earlier, i)) {
                reporter.report(at, "another ALTER TABLE " + at.name() + " (line " + all.get(earlier).source().line()
                                + ") runs in the same transaction; each one waits for the lock again and may rewrite the table again",
                        "ALTER TABLE " + at.name() + " <first change>, <second change>;");
            }
        }
    }
}
