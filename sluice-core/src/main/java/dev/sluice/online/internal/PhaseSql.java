package dev.sluice.online.internal;

import dev.sluice.online.OnlineStep;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a change fixed at its start and saved with it: what the rest of start (the concurrent
 * builds), complete and rollback run. Turned into the {@link OnlineStep}s that {@code --dry-run} prints and
 * the runner runs, so the two cannot differ.
 *
 * @param startConcurrent    after the start transaction, each alone in autocommit; run again when start resumes
 * @param completeConcurrent first in complete, each alone in autocommit
 * @param validate           then each in its own transaction, no write lock
 * @param contract           then one transaction
 * @param rollbackConcurrent first in rollback, each alone in autocommit
 * @param rollback           then one transaction
 */
record PhaseSql(List<String> startConcurrent, List<String> completeConcurrent, List<String> validate, List<String> contract,
                List<String> rollbackConcurrent, List<String> rollback) {

    PhaseSql {
        startConcurrent = List.copyOf(startConcurrent);
        completeConcurrent = List.copyOf(completeConcurrent);
        validate = List.copyOf(validate);
        contract = List.copyOf(contract);
        rollbackConcurrent = List.copyOf(rollbackConcurrent);
        rollback = List.copyOf(rollback);
    }

    OnlineStep startConcurrentStep(String tables) {
        return new OnlineStep("build indexes concurrently (an invalid index an interrupted build left is dropped first)",
                startConcurrent, false, "SHARE UPDATE EXCLUSIVE" + on(tables) + ": reads and writes go on");
    }

    OnlineStep completeConcurrentStep(String tables) {
        return new OnlineStep("drop indexes concurrently", completeConcurrent, false,
                "SHARE UPDATE EXCLUSIVE" + on(tables) + ": reads and writes go on");
    }

    OnlineStep validateStep(String tables) {
        return new OnlineStep("validate the NOT VALID checks", validate, false,
                "SHARE UPDATE EXCLUSIVE" + on(tables) + ": scans, reads and writes go on");
    }

    OnlineStep contractStep(String tables) {
        return new OnlineStep("contract: drop the views, triggers and view schema, remove the old shape", contract, true,
                "ACCESS EXCLUSIVE" + on(tables) + " for catalog changes only, under lock_timeout, retried");
    }

    OnlineStep rollbackConcurrentStep(String tables) {
        return new OnlineStep("undo index changes concurrently", rollbackConcurrent, false,
                "SHARE UPDATE EXCLUSIVE" + on(tables) + ": reads and writes go on");
    }

    OnlineStep rollbackStep(String tables) {
        return new OnlineStep("drop the new version and what start added", rollback, true,
                "ACCESS EXCLUSIVE" + on(tables) + " for catalog changes only, under lock_timeout, retried");
    }

    /** Complete's steps in the order they run; empty ones left out. */
    List<OnlineStep> completeSteps(String tables) {
        List<OnlineStep> steps = new ArrayList<>();
        if (!completeConcurrent.isEmpty()) {
            steps.add(completeConcurrentStep(tables));
        }
        if (!validate.isEmpty()) {
            steps.add(validateStep(tables));
        }
        steps.add(contractStep(tables));
        return steps;
    }

    /** Rollback's steps in the order they run; empty ones left out. */
    List<OnlineStep> rollbackSteps(String tables) {
        List<OnlineStep> steps = new ArrayList<>();
        if (!rollbackConcurrent.isEmpty()) {
            steps.add(rollbackConcurrentStep(tables));
        }
        steps.add(rollbackStep(tables));
        return steps;
    }

    private static String on(String tables) {
        return tables == null || tables.isBlank() ? "" : " on " + tables;
    }
}
