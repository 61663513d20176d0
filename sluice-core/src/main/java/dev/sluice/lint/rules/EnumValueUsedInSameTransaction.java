package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.Token;
import dev.sluice.sql.TokenKind;

import java.util.List;

/**
 * Flags the use of an enum value in the transaction that added it: PostgreSQL refuses it ("unsafe use
 * of new value") until the adding transaction commits.
 */
public final class EnumValueUsedInSameTransaction extends BaseRule {

    public static final String ID = "enum-value-used-in-same-transaction";

    public EnumValueUsedInSameTransaction() {
        super(ID, Severity.ERROR, "An enum value added by ALTER TYPE ... ADD VALUE cannot be used before that transaction commits");
    }

    @Override
    public void finish(LintContext context, Reporter reporter) {
        List<PgStatement> all = context.statements();
        for (int i = 0; i < all.size(); i++) {
            if (!(all.get(i) instanceof PgStatement.AlterType t) || t.action() != PgStatement.AlterType.Action.ADD_VALUE
                    || t.value().isEmpty()) {
                continue;
            }
            String literal = "'" + t.value().get().replace("'", "''") + "'";
            for (int j = i + 1; j < all.size(); j++) {
                if (!context.sameTransaction(i, j)) {
                    continue;
                }
                PgStatement later = all.get(j);
                for (Token tok : later.info().tokens()) {
                    if (tok.kind() == TokenKind.STRING && tok.text().equals(literal)) {
                        reporter.report(later, later.info().line(tok), later.info().column(tok), "enum value " + literal
                                        + " was added to " + t.name() + " in this transaction; PostgreSQL refuses to use it "
                                        + "before that transaction commits",
                                "move the statements that use " + literal + " to the next migration");
                        break;
                    }
                }
            }
        }
    }
}
