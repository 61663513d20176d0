package dev.sluice;

import dev.sluice.execution.MigrationPlan;

import java.sql.SQLException;

/**
 * What a caller does with a run's plan before its first statement: a pre-flight checklist, a backup.
 * It is called once, under the migration lock, after the lint gate passed, with the very plan that will
 * run; so no other runner can change the history between the check and the run, and nothing is planned
 * twice. Throwing stops the run before anything changed.
 *
 * <p>Hazard: the lock is held while this runs, so a long backup keeps other runners waiting (which is
 * what a backup taken for this run needs), and application traffic is never blocked by it.
 */
@FunctionalInterface
public interface BeforeRun {

    BeforeRun NOTHING = plan -> {
    };

    void accept(MigrationPlan plan) throws SQLException;
}
