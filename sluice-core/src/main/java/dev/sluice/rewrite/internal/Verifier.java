package dev.sluice.rewrite.internal;

import dev.sluice.rewrite.RewriteException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The check before a swap that the two tables hold the same rows, by row count and a checksum of the key,
 * in two parts so the expensive one needs no lock that blocks anyone:
 * <ol>
 *   <li>before the lock, in one REPEATABLE READ snapshot: count and checksum of both tables over every key
 *   with no entry waiting in the log. Such a key was not written since its last replay, so both tables
 *   must agree on it in that snapshot;</li>
 *   <li>for every key applied after that snapshot, count and checksum of both tables over the keys each
 *   replay pass applied, in that pass's own REPEATABLE READ transaction (so the source is read as the pass
 *   read it): the catch-up passes after the snapshot, and the drain under the swap's lock. Every key written
 *   since the snapshot or waiting in it goes through one of them.</li>
 * </ol>
 * Together they cover every key. Either mismatch refuses the swap.
 */
final class Verifier {

    private final KeySql key;
    private final String source;
    private final String target;

    Verifier(KeySql key, String source, String target) {
        this.key = key;
        this.source = source;
        this.target = target;
    }

    /** Part 1; runs its own read-only transaction. */
    void beforeLock(Connection c, String log) throws SQLException {
        String quietKeys = " s where not exists (select 1 from " + log + " l where (" + prefixed("l") + ") = (" + prefixed("s") + "))";
        String a;
        String b;
        c.setAutoCommit(false);
        try {
            Sql.exec(c, "set transaction isolation level repeatable read, read only");
            a = sum(c, source + quietKeys);
            b = sum(c, target + quietKeys);
            c.commit();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        if (!a.equals(b)) {
            throw new RewriteException("refusing to swap: the rows not written since their last replay differ (rows/key checksum "
                    + a + " in " + source + ", " + b + " in " + target + "); nothing was swapped");
        }
    }

    /** Part 2, in the transaction of the replay pass that applied {@code applied}. */
    void sameRows(Connection c, List<String[][]> applied) throws SQLException {
        for (String[][] keys : applied) {
            String a = sumOf(c, source, keys);
            String b = sumOf(c, target, keys);
            if (!a.equals(b)) {
                throw new RewriteException("refusing to swap: rows replayed after the comparison differ (rows/key checksum "
                        + a + " in " + source + ", " + b + " in " + target + "); nothing was swapped");
            }
        }
    }

    private String sumOf(Connection c, String table, String[][] keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(checksum() + " from " + table + " where " + key.inParameters())) {
            Replayer.bind(c, ps, keys);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + "/" + rs.getString(2);
            }
        }
    }

    private String sum(Connection c, String from) throws SQLException {
        return Sql.query(c, checksum() + " from " + from, rs -> rs.getString(1) + "/" + rs.getString(2)).get(0);
    }

    private String checksum() {
        return "select count(*), coalesce(sum(hashtext(row(" + key.list() + ")::text)::bigint), 0)::text";
    }

    private String prefixed(String alias) {
        return String.join(", ", key.columns().stream().map(k -> alias + "." + dev.sluice.db.Identifiers.quote(k)).toList());
    }
}
