package dev.sluice.spring;

import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.DurationText;
import dev.sluice.online.OnlineListener;
import dev.sluice.online.OnlineStep;
import org.slf4j.Logger;

import java.time.Duration;

/**
 * A run's progress in the application's log: the plan, each migration, and above all each lock timeout
 * and its retry, so that an operator who sees a slow start-up reads why (which migration waited on which
 * lock) instead of guessing.
 */
final class MigrationLog implements MigrationListener, OnlineListener {

    private final Logger log;

    MigrationLog(Logger log) {
        this.log = log;
    }

    @Override
    public void planned(MigrationPlan plan) {
        log.info("Sluice: {} migration{} pending", plan.steps().size(), plan.steps().size() == 1 ? "" : "s");
    }

    @Override
    public void stepStarted(PlanStep step) {
        log.info("Sluice: applying {} [{}] ({}, lock_timeout {})", step.migration().label(), step.scriptName(),
                step.transactional() ? "in a transaction" : "in autocommit", DurationText.format(step.lockTimeout()));
    }

    @Override
    public void stepFinished(PlanStep step, long millis) {
        log.info("Sluice: applied {} in {} ms", step.migration().label(), millis);
    }

    @Override
    public void stepFailed(PlanStep step, MigrationFailedException failure) {
        log.error("Sluice: {} [{}] failed", step.migration().label(), step.scriptName());
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration delay, String reason) {
        log.warn("Sluice: {}: attempt {} could not get its lock within lock_timeout {}: {}; {}", step.migration().label(),
                attempt, DurationText.format(step.lockTimeout()), reason, delay.isZero()
                        ? "retrying as soon as that transaction has ended (waiting without a lock request)"
                        : "retrying in " + delay.toMillis() + " ms");
    }

    @Override
    public void notice(PlanStep step, String message) {
        log.warn("Sluice: {}: {}", step.migration().label(), message);
    }

    @Override
    public void reconnecting(String reason, Duration wait) {
        log.warn("Sluice: {}; waiting up to {} for the database to come back", reason, DurationText.format(wait));
    }

    @Override
    public void stepStarted(String phase, OnlineStep step) {
        log.info("Sluice: online {}: {}", phase, step);
    }

    @Override
    public void retrying(String what, int attempt, Duration delay, String reason) {
        log.warn("Sluice: {}: attempt {} could not get its lock: {}; retrying in {} ms", what, attempt, reason, delay.toMillis());
    }

    @Override
    public void notice(String message) {
        log.warn("Sluice: {}", message);
    }
}
