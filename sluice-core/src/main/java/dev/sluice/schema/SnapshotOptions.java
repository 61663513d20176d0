package dev.sluice.schema;

import java.util.Objects;

/**
 * What a snapshot leaves out.
 *
 * @param privileges   capture owners and grants too; off by default, since they usually differ between
 *                     environments (and between a database and its rebuild on a scratch server) without
 *                     the schema being different
 * @param historySchema the schema of Sluice's history table
 * @param historyTable  the history table, left out with its columns, constraints and indexes
 */
public record SnapshotOptions(boolean privileges, String historySchema, String historyTable) {

    public SnapshotOptions {
        Objects.requireNonNull(historySchema, "historySchema");
        Objects.requireNonNull(historyTable, "historyTable");
    }

    /** No privileges; leaves out {@code public.sluice_history}. */
    public static SnapshotOptions defaults() {
        return new SnapshotOptions(false, "public", "sluice_history");
    }

    public SnapshotOptions withPrivileges(boolean on) {
        return new SnapshotOptions(on, historySchema, historyTable);
    }

    public SnapshotOptions withHistoryTable(String schema, String table) {
        return new SnapshotOptions(privileges, schema, table);
    }
}
