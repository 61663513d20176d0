package dev.sluice.rehearsal;

import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.Version;
import dev.sluice.schema.SchemaSnapshot;

import java.sql.SQLException;
import java.util.Optional;

/**
 * What a {@link Rehearsal} does to its scratch database, given by the caller (the facade runs its own
 * migrate and rollback there), so that the rehearsal runs migrations exactly as {@code migrate} does
 * without depending on the facade above it.
 */
public interface RehearsalTarget {

    /** The project's migrations, resolved. */
    MigrationCatalog catalog();

    /**
     * Applies the pending versioned migrations up to {@code target} (all when empty), and the new or
     * changed repeatable ones after them when {@code withRepeatables}; a failure throws
     * {@link dev.sluice.execution.MigrationFailedException}.
     */
    void migrate(Optional<Version> target, boolean withRepeatables) throws SQLException;

    /** Rolls back the newest applied migration; a failure throws {@link dev.sluice.execution.MigrationFailedException}. */
    void rollbackOne() throws SQLException;

    /**
     * Starts the next pending migration, an online one, and runs its backfill; a failure throws
     * {@link dev.sluice.online.OnlineException} or {@link SQLException}.
     */
    void startOnline() throws SQLException;

    /** Rolls back the online change in progress to the schema before its start. */
    void rollbackOnline() throws SQLException;

    /** Completes the online change in progress. */
    void completeOnline() throws SQLException;

    /**
     * The schema the plain migration that {@code online} stands for would give from the schema now, run in a
     * transaction that is rolled back: the scratch database is left as it was.
     */
    SchemaSnapshot plainOutcome(dev.sluice.migration.Migration online) throws SQLException;

    /** The scratch database's schema now. */
    SchemaSnapshot snapshot() throws SQLException;
}
