package dev.sluice.execution.internal;

import java.sql.SQLException;

/**
 * The migration lock's check ({@link LockCheck#condition()}) as a statement that returns no rows, so it
 * can go in one batch with a step's first statements: a {@code DO} block that raises when the lock is
 * lost, or when this session cannot tell. Sent after {@code BEGIN} and before the step's statements, it
 * aborts the transaction before any of them runs; the executor then tries the step again one statement at
 * a time, where the round trip of its own ({@code applyTimeouts}) says which it was and, when this session
 * cannot tell, asks the lock's own connection.
 *
 * <p>Hazard: the condition is pasted into the block's body, so it must be Sluice's own SQL, never input.
 */
final class LockCheckStatement {

    /** SQLSTATE raised when the lock is not held. */
    static final String LOST = "SL001";
    /** SQLSTATE raised when this session cannot see whether it is. */
    static final String UNDECIDED = "SL002";

    private LockCheckStatement() {
    }

    static String of(String condition) {
        return "do $sluice_lock$ declare held boolean := " + condition + "; begin"
                + " if held is null then raise exception 'cannot tell whether the migration lock is held' using errcode = '" + UNDECIDED + "';"
                + " elsif not held then raise exception 'the migration lock is no longer held by this runner' using errcode = '" + LOST + "';"
                + " end if; end $sluice_lock$";
    }

    /** Whether {@code error} (or one chained to it) is this check's: this session could not tell. */
    static boolean undecided(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            if (UNDECIDED.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
