package dev.sluice.progress;

/**
 * Progress of long work made of countable items (migrations rehearsed or traced, tables dumped), for a
 * console's progress bar or an embedder's own display. Every method has an empty default, and
 * {@link #NONE} stands in where nobody watches, so the work never checks for null.
 *
 * <p>Hazard: it is called on the working thread; an implementation must return quickly and never throw.
 */
public interface Progress {

    Progress NONE = new Progress() {
    };

    /**
     * {@code item} starts; {@code done} of {@code total} items are finished ({@code total} is 0 where the
     * count is not known in advance).
     */
    default void started(String item, int done, int total) {
    }

    /** {@code item} is finished, after {@code millis}; {@code done} now counts it. */
    default void finished(String item, int done, int total, long millis) {
    }
}
