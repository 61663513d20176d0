/**
 * Backups before migrating and restores that are checked: full logical backups through {@code pg_dump}
 * with a manifest (checksum, schema fingerprint, row counts), copies of the tables a destructive migration
 * is about to change, verification by restoring into a scratch database, and restores.
 *
 * <p>Hazards: {@code pg_dump} refuses a server of a newer major than its own, so its version is checked
 * before anything runs. Passwords reach the PostgreSQL programs only through a temporary pgpass file
 * readable by the owner alone, never on a command line another user could read in {@code ps}.
 */
package dev.sluice.backup;
