package dev.sluice.progress;

/**
 * {@link Progress} of one named phase of longer work (rehearsing, tracing), closed when the phase ends,
 * so that a console can clear its progress line before the next output.
 */
public interface PhaseProgress extends Progress, AutoCloseable {

    PhaseProgress NONE = () -> {
    };

    @Override
    void close();
}
