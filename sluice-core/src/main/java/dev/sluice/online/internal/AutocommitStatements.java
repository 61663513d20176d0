package dev.sluice.online.internal;

import dev.sluice.db.Deadline;
import dev.sluice.db.RetryPolicy;
import dev.sluice.execution.internal.InvalidIndexes;
import dev.sluice.online.OnlineListener;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.internal.StatementParser;
import dev.sluice.sql.internal.StatementSplitter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the statements of a change that cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY},
 * {@code DROP INDEX CONCURRENTLY}), each alone in autocommit under {@code lock_timeout}, retried on a lock
 * timeout or deadlock until the retry deadline.
 *
 * <p>Each statement must be safe to run again ({@code IF NOT EXISTS}, {@code IF EXISTS}): a crash or a
 * failure leaves the change in progress, and start, complete or rollback runs them all again. Hazard: a
 * concurrent build that failed leaves an <em>invalid</em> index, which {@code IF NOT EXISTS} would keep for
 * ever; it is found (through the statement model's reading of the build) and dropped before each build.
 */
final class AutocommitStatements {

    private AutocommitStatements() {
    }

    static void run(Connection c, String what, List<String> statements, Duration lockTimeout, Duration retryDeadline,
                    OnlineListener listener) throws SQLException {
        for (String sql : statements) {
            Optional<String> index = concurrentBuild(sql);
            RetryPolicy retry = RetryPolicy.withDeadline(retryDeadline);
            Deadline deadline = Deadline.after(retryDeadline);
            List<SQLException> earlier = new ArrayList<>();
            for (int attempt = 1; ; attempt++) {
                try (Statement s = c.createStatement()) {
                    s.execute("set lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'");
                    s.execute("set statement_timeout = 0");
                    if (index.isPresent()) {
                        InvalidIndexes.dropIfInvalid(c, index.get());
                    }
                    s.execute(sql);
                    break;
                } catch (SQLException e) {
                    if (!RetryPolicy.isRetryable(e) || deadline.expired()) {
                        earlier.forEach(e::addSuppressed);
                        throw e;
                    }
                    earlier.add(e);
                    Duration delay = retry.delayAfter(attempt);
                    listener.retrying(what, attempt, delay, e.getMessage());
                    ShortTransaction.sleep(delay);
                } finally {
                    try (Statement s = c.createStatement()) {
                        s.execute("reset lock_timeout");
                        s.execute("reset statement_timeout");
                    }
                }
            }
        }
    }

    /**
     * The index a {@code CREATE INDEX CONCURRENTLY} builds, in its table's schema, read by the statement model;
     * unquoted, as {@link InvalidIndexes} takes it.
     */
    static Optional<String> concurrentBuild(String sql) {
        List<SqlStatement> parsed = StatementSplitter.split(sql, "online change").statements();
        if (parsed.size() != 1 || !(StatementParser.parse(parsed.get(0)) instanceof PgStatement.CreateIndex i)
                || !i.concurrently() || i.name().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(i.table().schema().map(s -> s + ".").orElse("") + i.name().get());
    }
}
