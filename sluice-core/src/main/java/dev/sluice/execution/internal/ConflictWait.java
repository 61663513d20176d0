package dev.sluice.execution.internal;

import dev.sluice.execution.PlanStep;
import dev.sluice.execution.MigrationBlockedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.db.Blocker;
import dev.sluice.db.internal.BlockerQueries;
import dev.sluice.db.internal.BlockerQueries.HeldLock;
import dev.sluice.db.Deadline;
import dev.sluice.migration.DurationText;
import dev.sluice.sql.LockMode;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Before an attempt, waits for the transactions that would block it, without asking for any lock.
 *
 * <p>Why: a lock request that has to wait sits in the table's queue, and every application query that
 * conflicts with it queues behind it, for up to {@code lock_timeout}. When a transaction that already holds
 * a conflicting lock can be seen beforehand, waiting for it to end from the monitor connection costs the
 * application nothing; only then is the lock asked for. A transaction younger than the grace period
 * ({@link ExecutionSettings#blockerGrace()}, 50 ms by default) is left alone: an application's short transactions end on their own well within the lock timeout, and waiting
 * for each of them would starve the migration on a busy table.
 *
 * <p>Only statements whose lock blocks reads or writes (SHARE and stronger) are checked: a weaker request
 * that waits in the queue holds up no application query, so it is not worth a catalog query per statement.
 */
final class ConflictWait {

    /** Where there is no monitor connection: waits for nothing. */
    static final ConflictWait NONE = new ConflictWait(null, 0, Duration.ZERO, MigrationListener.NONE);

    private final Connection monitor;
    private final int migrationPid;
    private final Duration grace;
    private final MigrationListener listener;

    ConflictWait(Connection monitor, int migrationPid, Duration grace, MigrationListener listener) {
        this.monitor = monitor;
        this.migrationPid = migrationPid;
        this.grace = grace;
        this.listener = listener;
    }

    /**
     * Returns once no transaction older than the grace period holds a lock that conflicts with what
     * {@code statements} ask for on their tables.
     *
     * @throws MigrationBlockedException when such a transaction is still open at {@code deadline}
     */
    void await(PlanStep step, List<SqlStatement> statements, Deadline deadline) throws SQLException {
        if (monitor == null) {
            return;
        }
        Map<String, LockMode> wanted = wanted(statements);
        if (wanted.isEmpty()) {
            return;
        }
        while (true) {
            List<HeldLock> conflicting = BlockerQueries.heldLocks(monitor, List.copyOf(wanted.keySet()), grace, migrationPid).stream()
                    .filter(h -> conflicts(h, wanted)).toList();
            if (conflicting.isEmpty()) {
                return;
            }
            List<Blocker> holders = conflicting.stream().map(HeldLock::holder).distinct().toList();
            if (deadline.expired()) {
                throw new MigrationBlockedException(step.scriptName() + ": not started: "
                        + holders.stream().map(Blocker::toString).collect(Collectors.joining("; "))
                        + " kept holding a lock it needs past the retry deadline. End that transaction, or run migrate again "
                        + "at a quieter moment (--retry-deadline sets the deadline)");
            }
            listener.notice(step, "waiting, with no lock request queued, for " + holders.stream().map(Blocker::toString)
                    .collect(Collectors.joining("; ")) + " to end before asking for "
                    + wanted.entrySet().stream().map(e -> e.getValue().sqlName() + " on " + e.getKey()).distinct()
                    .collect(Collectors.joining(", ")) + " (" + DurationText.format(deadline.remaining()) + " left)");
            List<Blocker> open = holders;
            while (!open.isEmpty() && !deadline.expired()) {
                PlanExecutor.sleep(Duration.ofMillis(Math.min(100, Math.max(1, deadline.remaining().toMillis()))));
                open = BlockerQueries.stillOpen(monitor, open);
            }
        }
    }

    /**
     * The strongest lock the statements ask for on each table, for those that block reads or writes; tables
     * the statements create themselves are left out ({@link NewTables}).
     */
    private static Map<String, LockMode> wanted(List<SqlStatement> statements) {
        Map<String, LockMode> wanted = new LinkedHashMap<>();
        Set<String> created = NewTables.of(statements);
        for (SqlStatement s : statements) {
            StatementFacts facts = StatementFacts.of(s);
            if (!facts.lock().blocksWrites()) {
                continue;
            }
            for (String table : facts.tables()) {
                if (created.contains(table)) {
                    continue;
                }
                wanted.merge(table, facts.lock(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return wanted;
    }

    /** Whether a held lock conflicts with what is wanted on its table (any wanted table, when its name differs). */
    private static boolean conflicts(HeldLock held, Map<String, LockMode> wanted) {
        LockMode heldMode = LockMode.of(held.mode());
        LockMode want = wanted.entrySet().stream()
                .filter(e -> sameTable(e.getKey(), held.relation()))
                .map(Map.Entry::getValue).findFirst()
                .orElse(wanted.values().stream().max(Enum::compareTo).orElseThrow());
        return want.conflictsWith(heldMode);
    }

    private static boolean sameTable(String written, String regclass) {
        String bare = regclass.replace("\"", "");
        return bare.equalsIgnoreCase(written) || bare.endsWith("." + written) || written.endsWith("." + bare);
    }
}
