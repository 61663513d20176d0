package dev.sluice.clean;

/** {@code clean} was not allowed on this target; nothing was dropped. The message says what would allow it. */
public final class CleanRefusedException extends RuntimeException {

    public CleanRefusedException(String message) {
        super(message);
    }
}
