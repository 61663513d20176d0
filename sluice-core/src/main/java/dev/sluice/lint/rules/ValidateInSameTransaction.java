package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Flags the two-step constraint pattern collapsed back into one transaction, where it gains nothing. */
public final class ValidateInSameTransaction extends BaseRule {

    public static final String ID = "validate-in-same-transaction";

    public ValidateInSameTransaction() {
        super(ID, Severity.WARNING,
                "VALIDATE CONSTRAINT in the same transaction as its NOT VALID add keeps the add's lock during the whole scan");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void finish(LintContext context, Reporter reporter) {
        Map<String, Integer> added = new HashMap<>();
        List<PgStatement> all = context.statements();
        for (int i = 0; i < all.size(); i++) {
            if (!(all.get(i) instanceof PgStatement.AlterTable at)) {
                continue;
            }
            for (AlterTableAction a : at.actions()) {
                String key = at.name().key() + "|" + a.name().orElse("");
                if (a.type() == AlterTableAction.Type.ADD_CONSTRAINT && a.constraint().orElseThrow().notValid()) {
                    added.put(key, i);
                } else if (a.type() == AlterTableAction.Type.VALIDATE_CONSTRAINT) {
                    Integer addedAt = added.get(key);
                    if (addedAt != null && context.sameTransaction(addedAt, i)) {
                        reporter.report(at, a.line(), a.col(), "constraint " + a.name().orElse("") + " is validated in the "
                                        + "transaction that added it: the add's lock is held during the whole validation scan, "
                                        + "so NOT VALID gains nothing",
                                "move ALTER TABLE " + at.name() + " VALIDATE CONSTRAINT " + a.name().orElse("...")
                                        + "; to the next migration");
                    }
                }
            }
        }
    }
}
