package dev.sluice.monitor;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.lint.LintSettings;
import dev.sluice.migration.MigrationValidation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the monitor watches: one database and the project's migrations. The facade
 * ({@code dev.sluice.Sluice#monitor}) provides it, so that this package never reaches up to the facade and
 * the drift check is the very one {@code sluice drift} runs.
 */
public interface MonitorTarget {

    /** The database, its URL with the password masked. */
    String database();

    ConnectionFactory connections();

    /** The schema of the history table. */
    String schema();

    String historyTable();

    /** The project's migration files, resolved now (a long-lived monitor sees edits). Touches no database. */
    MigrationValidation files();

    LintSettings lint();

    /** Where full backups are kept, when backups are configured. */
    Optional<Path> backupDir();

    /**
     * Compares the live schema with what the applied migrations produce. Slow (it reads the whole schema, and
     * may rebuild it on a scratch server); the monitor calls it only when asked and never while a run holds
     * the lock.
     */
    DriftStatus checkDrift(MonitorSettings.DriftMode mode) throws Exception;
}
