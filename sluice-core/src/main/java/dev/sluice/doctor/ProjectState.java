package dev.sluice.doctor;

import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.Version;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The project's migrations as the facade sees them, handed to the checklist so that the doctor asks the
 * very questions {@code status} and {@code migrate} answer, without reaching up to the facade.
 */
public interface ProjectState {

    /** The migrations, resolved; throws when the files conflict. */
    MigrationCatalog catalog();

    /** Files against history, read without the migration lock. */
    ProjectStatus status() throws SQLException;

    /** What {@code migrate} would run now, up to {@code target}. */
    MigrationPlan planMigrate(Optional<Version> target) throws SQLException;
}
