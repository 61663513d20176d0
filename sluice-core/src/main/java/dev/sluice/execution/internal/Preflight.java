package dev.sluice.execution.internal;

import dev.sluice.execution.PlanStep;
import dev.sluice.execution.MigrationBlockedException;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationListener;
import dev.sluice.db.Blocker;
import dev.sluice.db.internal.BlockerQueries;
import dev.sluice.db.Deadline;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Before a step: who holds locks on the tables it touches. Always reported, since such a session is
 * what the step's statements will queue behind; with a maximum blocker age, the step waits while an
 * older transaction holds on, and is refused at the retry deadline.
 *
 * <p>It looks from the monitor connection, never the migration's own, which must stay free of locks. Tables
 * the step creates itself are left out ({@link NewTables}): nobody can hold a lock on them yet, so a step
 * that only creates tables and fills them costs no query here.
 */
final class Preflight {

    /** Where there is no monitor connection: checks nothing. */
    static final Preflight NONE = new Preflight(null, ExecutionSettings.defaults(), MigrationListener.NONE);

    private final Connection monitor;
    private final ExecutionSettings settings;
    private final MigrationListener listener;

    Preflight(Connection monitor, ExecutionSettings settings, MigrationListener listener) {
        this.monitor = monitor;
        this.settings = settings;
        this.listener = listener;
    }

    /** Holders named one per line in the note; under load there may be hundreds. */
    static final int SHOWN_HOLDERS = 3;
    private static final int SHOWN_TABLES = 5;

    /**
     * The pre-flight note: how many sessions hold locks on which tables, then the oldest few, one per
     * line, so that a busy database gives a short note instead of one line listing every session.
     */
    static String note(List<String> tables, List<Blocker> holders) {
        String on = tables.size() <= SHOWN_TABLES ? String.join(", ", tables)
                : String.join(", ", tables.subList(0, SHOWN_TABLES)) + " and " + (tables.size() - SHOWN_TABLES) + " more tables";
        List<Blocker> oldest = holders.stream()
                .sorted(java.util.Comparator.comparing(Blocker::transactionAge).reversed()).limit(SHOWN_HOLDERS).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(holders.size()).append(holders.size() == 1 ? " session holds" : " sessions hold").append(" locks on ").append(on);
        if (holders.size() > oldest.size()) {
            sb.append("; the oldest ").append(oldest.size()).append(" (pg_locks lists the other ")
                    .append(holders.size() - oldest.size()).append("):");
        } else {
            sb.append(':');
        }
        for (Blocker b : oldest) {
            sb.append("\n      ").append(b);
        }
        return sb.toString();
    }

    void check(PlanStep step) throws SQLException {
        if (monitor == null || !(step.body() instanceof SqlMigrationBody sql)) {
            return;
        }
        Set<String> tables = new LinkedHashSet<>();
        for (SqlStatement s : sql.statements()) {
            tables.addAll(StatementFacts.of(s).tables());
        }
        tables.removeAll(NewTables.of(sql.statements()));
        List<String> names = List.copyOf(tables);
        if (names.isEmpty()) {
            return;
        }
        List<Blocker> holders = BlockerQueries.holdingLocksOn(monitor, names);
        if (holders.isEmpty()) {
            return;
        }
        listener.notice(step, note(names, holders));
        if (settings.maxBlockerAge().isZero()) {
            return;
        }
        Deadline deadline = Deadline.after(settings.retryDeadline());
        while (true) {
            List<Blocker> old = BlockerQueries.holdingLocksOn(monitor, names).stream()
                    .filter(b -> b.transactionAge().compareTo(settings.maxBlockerAge()) > 0).toList();
            if (old.isEmpty()) {
                return;
            }
            if (deadline.expired()) {
                throw new MigrationBlockedException(step.scriptName() + ": not started: transactions older than "
                        + DurationText.format(settings.maxBlockerAge()) + " kept holding locks on " + String.join(", ", names)
                        + " for " + DurationText.format(settings.retryDeadline()) + " (" + old.stream().map(Blocker::toString)
                        .collect(Collectors.joining("; ")) + "). End them, or raise --max-blocker-age");
            }
            PlanExecutor.sleep(Duration.ofSeconds(1));
        }
    }
}
