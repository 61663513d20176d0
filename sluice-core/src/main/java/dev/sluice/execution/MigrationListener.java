package dev.sluice.execution;

import dev.sluice.sql.SqlStatement;

import java.time.Duration;

/**
 * Progress of a run, for consoles and embedders. Every method has an empty default so a listener
 * implements only what it shows; {@link #NONE} stands in where nobody listens, so the executor never
 * checks for null.
 */
public interface MigrationListener {

    MigrationListener NONE = new MigrationListener() {
    };

    /** The plan the run is about to execute, read under the migration lock; called once, before any step. */
    default void planned(MigrationPlan plan) {
    }

    default void stepStarted(PlanStep step) {
    }

    /**
     * A statement was sent. Consecutive statements of a transactional script that return no rows are sent
     * together in one round trip: each is reported started when the group is sent.
     */
    default void statementStarted(PlanStep step, SqlStatement statement) {
    }

    /**
     * A statement returned; for statements sent together, each when the group returned, with the group's
     * time.
     */
    default void statementFinished(PlanStep step, SqlStatement statement, long millis) {
    }

    default void stepFinished(PlanStep step, long millis) {
    }

    default void stepFailed(PlanStep step, MigrationFailedException failure) {
    }

    /**
     * A lock timeout or deadlock; the step (or, in autocommit, the statement) runs again after
     * {@code delay}, or, when {@code delay} is zero, as soon as the blocking transaction has ended.
     */
    default void retrying(PlanStep step, int attempt, Duration delay, String reason) {
    }

    /** Something a person should know that does not stop the run: blockers found, an invalid index dropped. */
    default void notice(PlanStep step, String message) {
    }

    /**
     * The server went away ({@code reason}); the run waits up to {@code wait} for it to come back, then starts
     * again under a new lock from what the history says committed.
     */
    default void reconnecting(String reason, Duration wait) {
    }
}
