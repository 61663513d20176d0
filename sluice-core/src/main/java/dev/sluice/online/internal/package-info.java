/**
 * How online changes run: one class per operation ({@code *Op}) turning its declaration into expand,
 * validate, contract and undo statements; {@link dev.sluice.online.internal.OnlinePlanner} adding the
 * views and the sync trigger of each table; {@link dev.sluice.online.internal.Backfill} filling existing
 * rows; {@link dev.sluice.online.internal.OnlineRunner} running the phases and keeping the state table.
 *
 * <p>Hazard: the sync trigger decides which version wrote a row from the writer's {@code search_path}
 * (the new version's schema in it means the new version). A client that schema-qualifies the view schema
 * without setting its search_path is taken as an old client.
 */
package dev.sluice.online.internal;
