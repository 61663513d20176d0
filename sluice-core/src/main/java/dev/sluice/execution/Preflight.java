package dev.sluice.execution;

import dev.sluice.db.Blocker;
import dev.sluice.db.BlockerQueries;
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
        listener.notice(step, "sessions holding locks on " + String.join(", ", names) + ": "
                + holders.stream().map(Blocker::toString).collect(Collectors.joining("; ")));
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
