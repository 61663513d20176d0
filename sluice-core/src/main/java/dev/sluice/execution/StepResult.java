package dev.sluice.execution;

/** A step that completed, and how long it took. */
public record StepResult(PlanStep step, long millis) {
}
