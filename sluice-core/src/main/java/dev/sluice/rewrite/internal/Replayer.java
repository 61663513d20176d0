package dev.sluice.rewrite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies logged keys from one table to the other: takes a batch of entries off the log, deletes those
 * keys from the target and inserts each one's current row from the source. The entries are deleted in
 * the same transaction, so an entry is applied at least once, and applying one again changes nothing.
 *
 * <p>While the copy is still walking the key, keys between its high-water mark and its bound (the largest
 * key when the capture began) are only taken off the log: the copy has not reached them, and will read
 * their state when it does. Keys above the bound were written after the capture began and are the
 * replay's alone. Copy and replay run one after the other on one connection, never at once, which is what
 * makes that safe.
 */
final class Replayer {

    private final String source;
    private final String target;
    private final String log;
    private final KeySql key;
    private final List<String> columns;
    private final List<String> exprs;

    Replayer(String source, String target, String log, KeySql key, List<String> columns, List<String> exprs) {
        this.source = source;
        this.target = target;
        this.log = log;
        this.key = key;
        this.columns = columns;
        this.exprs = exprs;
    }

    /** The part of the key the copy has still to walk: above {@code highWater} (all when empty) up to {@code bound}. */
    record Window(Optional<List<String>> highWater, List<String> bound) {
    }

    /**
     * One batch, in the caller's transaction.
     *
     * @param window the copy's window while it still runs; empty once every row is copied
     * @return the number of log entries taken off
     */
    long batch(Connection c, int limit, Optional<Window> window) throws SQLException {
        return batch(c, limit, window, null);
    }

    /** As {@link #batch(Connection, int, Optional)}, adding the applied keys (one text[] per key column) to {@code applied}. */
    long batch(Connection c, int limit, Optional<Window> window, List<String[][]> applied) throws SQLException {
        StringBuilder sql = new StringBuilder("with d as (delete from " + log + " where " + Capture.SEQ + " in (select " + Capture.SEQ
                + " from " + log + " order by " + Capture.SEQ + " limit " + limit + ") returning " + key.list() + "),"
                + " f as (select distinct " + key.list() + " from d" + window.map(w -> " where not (" + key.window(w.highWater().isPresent()) + ")").orElse("")
                + ") select (select count(*) from d)");
        for (String k : key.columns()) {
            sql.append(", array(select ").append(dev.sluice.db.Identifiers.quote(k)).append("::text from f order by ").append(key.list()).append(")");
        }
        long taken;
        String[][] keys = new String[key.columns().size()][];
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            if (window.isPresent()) {
                key.bindWindow(c, ps, 1, window.get().highWater(), window.get().bound());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                taken = rs.getLong(1);
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = Sql.strings(rs, i + 2);
                }
            }
        }
        if (taken == 0 || keys[0].length == 0) {
            return taken;
        }
        if (applied != null) {
            applied.add(keys);
        }
        try (PreparedStatement ps = c.prepareStatement("delete from " + target + " where " + key.inParameters())) {
            bind(c, ps, keys);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + target + " ("
                + columns.stream().map(dev.sluice.db.Identifiers::quote).collect(Collectors.joining(", "))
                + ") overriding system value select " + String.join(", ", exprs) + " from " + source + " where " + key.inParameters())) {
            bind(c, ps, keys);
            ps.executeUpdate();
        }
        return taken;
    }

    static void bind(Connection c, PreparedStatement ps, String[][] keys) throws SQLException {
        for (int i = 0; i < keys.length; i++) {
            ps.setArray(i + 1, c.createArrayOf("text", keys[i]));
        }
    }
}
