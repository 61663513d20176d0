package dev.sluice.adopt;

/**
 * The database holds another tool's migration history and Sluice's has none: every migration would look
 * pending, and running them would fail on objects that exist or, worse, run twice. Nothing ran; the message
 * says to run {@code sluice adopt} (or {@code sluice baseline}).
 */
public final class ManagedByAnotherToolException extends RuntimeException {

    private final AdoptSource tool;

    public ManagedByAnotherToolException(AdoptSource tool, String message) {
        super(message);
        this.tool = tool;
    }

    /** The tool whose history was found. */
    public AdoptSource tool() {
        return tool;
    }
}
