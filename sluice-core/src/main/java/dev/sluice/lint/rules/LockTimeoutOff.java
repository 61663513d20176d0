package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;

import java.util.Set;

/**
 * Flags DDL in a migration that turns Sluice's lock_timeout off. Sluice sets a lock_timeout on every
 * statement itself, so this rule stays silent unless the file says {@code -- sluice:lock-timeout off}
 * (or 0): then a DDL statement waiting for its lock parks every later query on the table behind it.
 */
public final class LockTimeoutOff extends BaseRule {

    public static final String ID = "lock-timeout-off";

    private static final Set<String> DDL = Set.of("ALTER_TABLE", "ALTER_INDEX", "ALTER_TYPE", "ALTER_DOMAIN", "CREATE_INDEX",
            "DROP_TABLE", "DROP_INDEX", "TRUNCATE", "LOCK", "CLUSTER", "VACUUM", "REINDEX", "CREATE_TRIGGER");

    public LockTimeoutOff() {
        super(ID, Severity.WARNING, "DDL in a migration with '-- sluice:lock-timeout off' can queue all traffic behind it");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!context.lockTimeoutOff() || !DDL.contains(statement.kind().name())) {
            return;
        }
        for (int i = 0; i < index; i++) {
            if (DDL.contains(context.statements().get(i).kind().name())) {
                return;
            }
        }
        reporter.report(statement, "lock_timeout is off for this migration: while this statement waits for its lock, every "
                        + "query on the table queues behind it, without limit",
                "remove '-- sluice:lock-timeout off' (Sluice then retries on a short timeout), or give a short one such as "
                        + "'-- sluice:lock-timeout 5s'");
    }
}
