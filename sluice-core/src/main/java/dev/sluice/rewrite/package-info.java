/**
 * The shadow-table rewrite: a change that PostgreSQL would make by rewriting a large table under ACCESS
 * EXCLUSIVE (a key's type, SET LOGGED, a volatile default, a conversion to a partitioned table) is made on
 * an empty copy with the new shape, filled in key order while a trigger logs every write, and swapped in
 * under a lock held for milliseconds. The old table is kept until {@code cleanup}, and a rollback swaps it
 * back with the writes made since.
 *
 * <p>Hazard: between start and cleanup every write to the table also writes a row to a log table, and
 * between swap and cleanup to the old table as well; plan the disk and the write load for both.
 */
package dev.sluice.rewrite;
