package dev.sluice.online.internal;

import java.util.List;

/**
 * What one operation contributes to each phase, besides the views and the trigger that the planner builds
 * for the whole table.
 *
 * @param expand             start: statements in the start transaction, before the trigger and the views
 * @param validate           complete: statements that scan the table without blocking writes ({@code VALIDATE
 *                           CONSTRAINT}), each in autocommit before the contract transaction
 * @param contract           complete: statements in the contract transaction, after the views and trigger are gone
 * @param undo               rollback: statements in the rollback transaction, after the views and trigger are gone
 * @param startConcurrent    start: statements that cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY}),
 *                           each alone after the start transaction; each must be safe to run again
 * @param completeConcurrent complete: such statements, before the validations ({@code DROP INDEX CONCURRENTLY})
 * @param undoConcurrent     rollback: such statements, before the rollback transaction
 */
record OperationSteps(List<String> expand, List<String> validate, List<String> contract, List<String> undo,
                      List<String> startConcurrent, List<String> completeConcurrent, List<String> undoConcurrent) {
    OperationSteps {
        expand = List.copyOf(expand);
        validate = List.copyOf(validate);
        contract = List.copyOf(contract);
        undo = List.copyOf(undo);
        startConcurrent = List.copyOf(startConcurrent);
        completeConcurrent = List.copyOf(completeConcurrent);
        undoConcurrent = List.copyOf(undoConcurrent);
    }

    /** Steps that all run in transactions. */
    OperationSteps(List<String> expand, List<String> validate, List<String> contract, List<String> undo) {
        this(expand, validate, contract, undo, List.of(), List.of(), List.of());
    }
}
