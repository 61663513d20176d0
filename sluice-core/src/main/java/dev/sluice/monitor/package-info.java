/**
 * Monitoring: what a dashboard, a health probe and a metrics scrape need to know about one database's
 * migrations, read so cheaply and so harmlessly that it may run every few seconds beside production
 * traffic and beside a running migration.
 *
 * <p>{@link dev.sluice.monitor.SluiceMonitor} reads a {@link dev.sluice.monitor.MonitorSnapshot};
 * {@link dev.sluice.monitor.HealthReport#of} holds the one copy of the health rules;
 * {@link dev.sluice.monitor.SluiceMetrics} binds the snapshot's figures to Micrometer. The command line's
 * {@code sluice serve} and the Spring Boot starter are shells over these types.
 *
 * <p>Hazards: a refresh reads only the catalog ({@code pg_locks}, {@code pg_stat_activity},
 * {@code pg_tables}) and Sluice's own tables with plain SELECTs, never a user table, never the migration
 * lock, under a short {@code lock_timeout}, so it neither waits behind a migration nor makes one wait.
 * The drift check is the exception: it reads the whole schema (and rebuilds it on a scratch server), so it
 * runs only when asked, never while a migration holds the lock, and its result is kept between refreshes.
 * Micrometer is an optional dependency of sluice-core: only {@link dev.sluice.monitor.SluiceMetrics} needs it.
 */
package dev.sluice.monitor;
