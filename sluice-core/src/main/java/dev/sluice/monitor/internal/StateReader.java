package dev.sluice.monitor.internal;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.db.internal.AdvisoryLock;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineListener;
import dev.sluice.online.internal.OnlineRunner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a refresh needs from the database: the history rows, the lock holder and the online change
 * in progress, on one connection opened for the refresh and closed after it.
 *
 * <p>Why it is harmless beside a migration: every statement is a plain SELECT in autocommit, on
 * {@code pg_locks}, {@code pg_stat_activity}, {@code pg_tables} and Sluice's own tables, which a migration
 * writes with ROW EXCLUSIVE (no conflict with the ACCESS SHARE a SELECT takes). No user table is read, so
 * an ACCESS EXCLUSIVE that a migration holds on one never makes a refresh wait, and a refresh never holds a
 * lock a migration's next statement would want. The one statement that could conflict (an upgrade of the
 * history table by a new Sluice version, ACCESS EXCLUSIVE) meets a {@code lock_timeout} of 200ms here: the
 * refresh fails fast instead of queueing, since a queued request would itself hold up everyone behind it.
 */
public final class StateReader {

    /** The first statement of every refresh: fail fast on a lock, read only, and a name a DBA recognises. */
    static final String SESSION_SETUP = "select set_config('lock_timeout', '200ms', false),"
            + " set_config('statement_timeout', '10s', false), set_config('default_transaction_read_only', 'on', false),"
            + " set_config('application_name', 'sluice monitor', false)";

    private final ConnectionFactory connections;
    private final HistoryTable history;
    private final String baseSchema;

    public StateReader(ConnectionFactory connections, String schema, String historyTable) {
        this.connections = connections;
        this.history = new HistoryTable(schema, historyTable);
        this.baseSchema = schema;
    }

    /** What one refresh read, and how many statements it took. */
    public record State(List<AppliedMigration> history, Optional<AdvisoryLock.Holder> holder, Optional<OnlineChange> online,
                        int queries) {
    }

    /**
     * @param queriesSoFar receives the statements sent, also when the read fails part way
     */
    public State read(java.util.function.IntConsumer queriesSoFar) throws SQLException {
        try (Connection raw = Connections.open(connections)) {
            CountingConnection counting = new CountingConnection(raw);
            Connection c = counting.connection();
            try {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SESSION_SETUP)) {
                    rs.next();
                }
                List<AppliedMigration> rows = history.all(c);
                Optional<AdvisoryLock.Holder> holder = AdvisoryLock.holder(c, history.qualifiedName());
                Optional<OnlineChange> online = new OnlineRunner(c, history, baseSchema, ExecutionSettings.defaults(),
                        BackfillSettings.defaults(), OnlineListener.NONE).inProgress();
                return new State(rows, holder, online, counting.count());
            } finally {
                queriesSoFar.accept(counting.count());
            }
        }
    }
}
