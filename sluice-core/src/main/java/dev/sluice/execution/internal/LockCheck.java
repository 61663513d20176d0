package dev.sluice.execution.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * Asks whether this runner still holds the migration lock; the executor asks before every step and before
 * every statement of a migration that runs statement by statement.
 *
 * <p>It throws {@link dev.sluice.db.LockLostException} when the lock is gone. {@link #NONE} stands in
 * where no lock is involved (a scratch database that nobody else can reach).
 */
@FunctionalInterface
public interface LockCheck {

    LockCheck NONE = () -> {
    };

    void verifyHeld();

    /**
     * The same check as a boolean SQL expression the migration's own connection can evaluate within a
     * statement it sends anyway, saving a round trip per migration: true while the lock is held, false
     * when it is lost, null when that session cannot tell (then {@link #verifyHeld()} decides). Empty
     * when there is no such expression.
     */
    default Optional<String> condition() {
        return Optional.empty();
    }

    /** A check with both forms; {@code condition} must say what {@code verify} says. */
    static LockCheck of(LockCheck verify, String condition) {
        Objects.requireNonNull(condition, "condition");
        return new LockCheck() {
            @Override
            public void verifyHeld() {
                verify.verifyHeld();
            }

            @Override
            public Optional<String> condition() {
                return Optional.of(condition);
            }
        };
    }
}
