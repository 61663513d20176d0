package dev.sluice.rewrite.internal;

import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.internal.BackfillThrottle;
import dev.sluice.online.internal.ShortTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The batched copy: walks the original's primary key upwards from the saved high-water mark to the bound
 * (the largest key when the capture began), each batch an {@code INSERT ... SELECT} of the next
 * {@code batchSize} rows in its own short transaction that also moves the mark, then one pass of the
 * change log; a pause between batches leaves room for the application. The bound makes it end under any
 * insert rate: rows above it are the log's.
 *
 * <p>Commits of copy batches do not wait for the WAL flush ({@code synchronous_commit = off}): a crash loses
 * at most the last batches together with their mark, and the resumed copy does them again.
 */
final class Copier {

    static final long REPLAY_EVERY_NANOS = 500_000_000L;

    private final Connection c;
    private final RewriteState state;
    private final BackfillSettings settings;
    private final Steps steps;

    Copier(Connection c, RewriteState state, BackfillSettings settings, Steps steps) {
        this.c = c;
        this.state = state;
        this.settings = settings;
        this.steps = steps;
    }

    /** Copies until no row is left above the mark; returns the rows this run copied and its rate. */
    double[] run(RewriteState.Row row) throws SQLException {
        Names names = row.names();
        KeySql key = new KeySql(row.keyColumns(), row.keyTypes());
        String original = names.q(row.table());
        String shadow = names.q(names.shadow());
        Replayer replay = new Replayer(original, shadow, names.q(names.forwardLog()), key, row.copyColumns(), row.copyExprs());
        String cols = row.copyColumns().stream().map(dev.sluice.db.Identifiers::quote).collect(Collectors.joining(", "));
        boolean keysConverted = row.keyColumns().stream().anyMatch(k -> {
            int i = row.copyColumns().indexOf(k);
            return i < 0 || !row.copyExprs().get(i).equals(dev.sluice.db.Identifiers.quote(k));
        });
        String first = batchSql(original, shadow, key, cols, row.copyExprs(), " where " + key.window(false), keysConverted);
        String next = batchSql(original, shadow, key, cols, row.copyExprs(), " where " + key.window(true), keysConverted);
        long lastReplay = 0;
        List<String> bound = row.bound().orElse(List.of());
        Optional<List<String>> highWater = row.highWater();
        long done = row.rowsCopied();
        long thisRun = 0;
        long started = System.nanoTime();
        boolean finished = row.copyDone();
        BackfillThrottle throttle = new BackfillThrottle(settings);
        while (!finished) {
            // Held back, with no lock and no open transaction, while a standby lags or the table's writers wait.
            for (var reason = throttle.reason(c, original); reason.isPresent(); reason = throttle.reason(c, original)) {
                steps.listener().notice("copy of " + names.label() + " throttled: " + reason.get() + "; looking again in "
                        + settings.throttleWait().toMillis() + " ms");
                ShortTransaction.sleep(settings.throttleWait());
            }
            long[] count = new long[1];
            String[][] last = new String[1][];
            Optional<List<String>> from = highWater;
            steps.transaction("copy batch of " + names.label(), () -> {
                Sql.exec(c, "set local synchronous_commit = off");
                try (PreparedStatement ps = c.prepareStatement(from.isPresent() ? next : first)) {
                    key.bindWindow(c, ps, 1, from, bound);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count[0] = rs.getLong(1);
                        last[0] = Sql.strings(rs, 2);
                    }
                }
                state.advance(c, row, count[0] == 0 ? null : last[0], count[0], count[0] < settings.batchSize());
            });
            // A short batch took every row up to the bound that its snapshot saw; later ones are logged.
            finished = count[0] < settings.batchSize();
            if (!finished) {
                highWater = Optional.of(Arrays.asList(last[0]));
            }
            done += count[0];
            thisRun += count[0];
            Optional<Replayer.Window> mark = finished ? Optional.empty() : Optional.of(new Replayer.Window(highWater, bound));
            // The log is replayed every half second of copying, not after every batch: each pass costs a round
            // trip and a scan of the log's index even when it finds nothing.
            if (finished || System.nanoTime() - lastReplay > REPLAY_EVERY_NANOS) {
                lastReplay = System.nanoTime();
                long[] taken = new long[1];
                steps.transaction("replay of " + names.label(), () -> taken[0] = replay.batch(c, Math.max(settings.batchSize(), 10_000), mark));
                if (taken[0] > 0) {
                    steps.listener().replayed(taken[0]);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            steps.listener().copyProgress(new BackfillProgress(names.label(), done, Math.max(row.rowsEstimate(), done),
                    seconds > 0 ? thisRun / seconds : 0, finished));
            if (!finished) {
                ShortTransaction.sleep(settings.pause());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new double[] {thisRun, seconds > 0 ? thisRun / seconds : 0};
    }

    /**
     * One batch as one statement. Where the key columns are copied as they are, the INSERT ... SELECT returns
     * them and nothing is materialized; where a USING expression converts a key column, the source rows are
     * selected into a CTE first, so the mark is read in the original's type.
     */
    private String batchSql(String original, String shadow, KeySql key, String cols, List<String> exprs, String where,
                            boolean keysConverted) {
        if (!keysConverted) {
            String last = key.columns().size() == 1
                    ? "max(" + dev.sluice.db.Identifiers.quote(key.columns().get(0)) + ")::text"
                    : key.asTextArray() + " from ins order by " + key.descending() + " limit 1";
            return "with ins as (insert into " + shadow + " (" + cols + ") overriding system value select " + String.join(", ", exprs)
                    + " from " + original + where + " order by " + key.list() + " limit " + settings.batchSize() + " returning " + key.list() + ")"
                    + " select count(*), " + (key.columns().size() == 1 ? "array[(select " + last + " from ins)]" : "(select " + last + ")")
                    + " from ins";
        }
        return "with src as (select * from " + original + where + " order by " + key.list() + " limit " + settings.batchSize() + "),"
                + " ins as (insert into " + shadow + " (" + cols + ") overriding system value select " + String.join(", ", exprs) + " from src)"
                + " select count(*), (select " + key.asTextArray() + " from src order by " + key.descending() + " limit 1) from src";
    }
}
