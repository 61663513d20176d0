package dev.sluice.db;

import java.util.Objects;

/**
 * Another migration tool's history table found in a database.
 *
 * @param tool   the tool's id as {@code sluice adopt --from} names it: {@code flyway}, {@code prisma},
 *               {@code drizzle}, {@code typeorm}, {@code numbered}
 * @param schema where the table is
 * @param table  its name
 */
public record ForeignHistoryTable(String tool, String schema, String table) {

    public ForeignHistoryTable {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** {@code schema.table}, unquoted, for messages. */
    public String qualifiedName() {
        return schema + "." + table;
    }

    /** Quoted, for SQL. */
    public String sqlName() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }
}
