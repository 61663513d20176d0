package dev.sluice.execution.internal;

import dev.sluice.history.internal.HistoryTable;
import dev.sluice.schema.SnapshotOptions;
import dev.sluice.schema.internal.SchemaReader;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stores the schema's fingerprint in a history row once the migration's transaction has committed.
 *
 * <p>Hazard: never call it inside the migration's transaction. The catalog read takes tens of milliseconds,
 * more on a large schema, and inside the transaction it would hold every lock the migration took, an
 * ACCESS EXCLUSIVE on the application's table among them, while the application's queries queue. The
 * runner still holds the migration lock, so no other runner changes the schema in between.
 *
 * <p>A fingerprint that cannot be taken, or a crash before it is stored, leaves the column empty rather
 * than failing a migration that succeeded; drift detection then compares with the newest row that has one.
 * Public for the online runner, whose complete records a migration too.
 */
public final class SchemaFingerprint {

    private SchemaFingerprint() {
    }

    /** Reads the schema on {@code c} (in autocommit) and stores its fingerprint in row {@code rank}. */
    public static void store(Connection c, HistoryTable history, int rank) {
        try {
            write(c, history, rank);
        } catch (SQLException | RuntimeException e) {
            // The migration is applied and recorded; only its fingerprint is missing.
        }
    }

    /** The same for the newest history row, the one the run just committed (it holds the migration lock). */
    static void storeInNewestRow(Connection c, HistoryTable history) {
        try {
            write(c, history, history.newestRank(c));
        } catch (SQLException | RuntimeException e) {
            // The migration is applied and recorded; only its fingerprint is missing.
        }
    }

    private static void write(Connection c, HistoryTable history, int rank) throws SQLException {
        String fingerprint = new SchemaReader(SnapshotOptions.defaults().withHistoryTable(history.schema(), history.table()))
                .read(c).fingerprint();
        history.setFingerprint(c, rank, fingerprint);
    }
}
