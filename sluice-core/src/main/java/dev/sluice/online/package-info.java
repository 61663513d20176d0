/**
 * Zero-downtime (expand/contract) changes: the operations a {@code V<version>__<description>.yaml} file
 * declares, the plan each turns into, the progress of a backfill and what an application needs to
 * choose its version ({@link dev.sluice.online.SearchPath}).
 *
 * <p>While a change is in progress two versions of the schema are live: the old one where old clients
 * already look (their {@code search_path}), and a new schema of views named after the migration. Triggers
 * keep old and new columns in step both ways. {@code complete} removes the old shape; {@code rollback}
 * before it returns exactly the schema before {@code start}.
 *
 * <p>Hazard: an old client that writes the physical tables positionally ({@code INSERT ... VALUES} without
 * a column list, or {@code SELECT *} into a fixed record) sees the extra columns a change adds while it is
 * in progress. Name columns.
 */
package dev.sluice.online;
