package dev.sluice.lint;

import dev.sluice.sql.QualifiedName;

import java.util.OptionalLong;

/**
 * What the migrate gate reads from the database it is about to change: how large a table really is.
 * The static lint has no such source and judges every table it did not see created as large.
 */
@FunctionalInterface
public interface TableSizes {

    /**
     * The table's size in bytes (all partitions of a partitioned table), or empty when the database has
     * no such relation yet.
     */
    OptionalLong bytes(QualifiedName table);
}
