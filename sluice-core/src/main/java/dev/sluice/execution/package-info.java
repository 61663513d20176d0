/**
 * Plans first, execution second. {@link dev.sluice.execution.ProjectStatus} sets the files against the
 * history, {@link dev.sluice.execution.internal.MigrationPlanner} turns that into a printable
 * {@link dev.sluice.execution.MigrationPlan}, and {@link dev.sluice.execution.internal.PlanExecutor} runs it.
 *
 * <p>Transactions are decided from what each statement is, never from a file name; lock timeouts and
 * deadlocks are retried with backoff until one deadline, so a migration never parks application
 * queries behind itself for longer than its lock timeout.
 */
package dev.sluice.execution;
