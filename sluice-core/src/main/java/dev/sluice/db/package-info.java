/**
 * Connections, the migration lock, retry timing and the named SQLSTATEs.
 *
 * <p>Hazards: passwords live only in {@link dev.sluice.db.JdbcConnectionFactory}; anything shown to a
 * person goes through {@link dev.sluice.db.DatabaseUrl#mask}. The migration lock must stay on a
 * connection of its own, or a concurrent index build will wait on it forever.
 */
package dev.sluice.db;
