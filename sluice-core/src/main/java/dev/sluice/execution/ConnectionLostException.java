package dev.sluice.execution;

import java.util.List;

/**
 * The connection to the database broke while migrations ran: the server shut down or restarted, the
 * network failed, or an administrator ended the session. The message names the migration that was running,
 * which ones committed before it, and what of it the server kept; the cause is the driver's error.
 *
 * <p>Nothing is left half-recorded: a transactional migration is rolled back by the server unless its commit
 * had already been sent (the history row, which commits with it, tells which), and a migration that runs
 * statement by statement has each finished statement counted in its history row, so the next run resumes
 * after the last one.
 */
public final class ConnectionLostException extends RuntimeException {

    private final List<StepResult> completed;

    public ConnectionLostException(String message, List<StepResult> completed, Throwable cause) {
        super(message, cause);
        this.completed = List.copyOf(completed);
    }

    /** The steps that committed in this run before the connection broke. */
    public List<StepResult> completed() {
        return completed;
    }
}
