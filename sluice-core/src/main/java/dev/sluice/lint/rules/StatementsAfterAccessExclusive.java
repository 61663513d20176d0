package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.StatementKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flags work done after an ACCESS EXCLUSIVE lock is taken in the same transaction: the lock is held
 * until commit, so every later statement (a backfill, a change to another table) lengthens the time the
 * table is unreadable. A dropped table does not count: queries on it fail after commit anyway. Plain
 * SELECTs (the migration's validations) do not count either.
 */
public final class StatementsAfterAccessExclusive extends BaseRule {

    public static final String ID = "statements-after-access-exclusive";

    private static final Set<AlterTableAction.Type> WEAKER = EnumSet.of(AlterTableAction.Type.VALIDATE_CONSTRAINT,
            AlterTableAction.Type.ATTACH_PARTITION);
    private static final Set<StatementKind> HARMLESS = EnumSet.of(StatementKind.COMMENT, StatementKind.SET,
            StatementKind.RESET, StatementKind.GRANT, StatementKind.REVOKE, StatementKind.COMMIT, StatementKind.SELECT);

    public StatementsAfterAccessExclusive() {
        super(ID, Severity.WARNING,
                "Statements after an ACCESS EXCLUSIVE lock in the same transaction keep the table locked while they run");
    }

    @Override
    public void finish(LintContext context, Reporter reporter) {
        List<PgStatement> all = context.statements();
        for (int i = 0; i < all.size(); i++) {
            Optional<QualifiedName> locked = accessExclusive(all.get(i));
            if (locked.isEmpty() || context.isNew(locked.get(), i)) {
                continue;
            }
            for (int j = i + 1; j < all.size(); j++) {
                PgStatement later = all.get(j);
                if (!context.sameTransaction(i, j) || HARMLESS.contains(later.kind())) {
                    continue;
                }
                if (later.target().map(t -> t.key().equals(locked.get().key())).orElse(false)
                        && later.kind() == StatementKind.ALTER_TABLE) {
                    continue;
                }
                reporter.report(later, "runs while this transaction holds the ACCESS EXCLUSIVE lock that line "
                                + all.get(i).source().line() + " took on " + locked.get() + ": reads and writes of "
                                + locked.get() + " wait until commit",
                        "put the lock-taking statement last, or in a migration of its own");
                return;
            }
        }
    }

    /** The existing table a statement locks ACCESS EXCLUSIVE, when it does. */
    static Optional<QualifiedName> accessExclusive(PgStatement s) {
        if (s instanceof PgStatement.AlterTable at) {
            boolean strong = at.actions().stream().anyMatch(a -> !WEAKER.contains(a.type())
                    && !(a.type() == AlterTableAction.Type.DETACH_PARTITION && a.concurrently())
                    && !(a.type() == AlterTableAction.Type.ADD_CONSTRAINT
                    && a.constraint().orElseThrow().type() == ConstraintDefinition.Type.FOREIGN_KEY));
            return strong ? Optional.of(at.name()) : Optional.empty();
        }
        if (s instanceof PgStatement.Truncate || s instanceof PgStatement.Maintenance m && m.full()) {
            return s.target();
        }
        if (s instanceof PgStatement.Lock l && l.mode().equals("ACCESS EXCLUSIVE")) {
            return s.target();
        }
        return Optional.empty();
    }
}
