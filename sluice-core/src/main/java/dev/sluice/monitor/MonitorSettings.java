package dev.sluice.monitor;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the health rules count as trouble, and how often the dashboard's figures may be reused.
 *
 * @param maxRunning how long a migration run may hold the lock before health reports it as
 *                   {@link HealthReason.Kind#RUNNING_TOO_LONG} ({@code health.max-running}, default 30 minutes)
 * @param downOn     the reasons that make health DOWN ({@code health.down-on}); the others are still listed,
 *                   as warnings. By default every reason: a load balancer or readiness probe then keeps
 *                   traffic away from an instance whose schema is behind, broken or drifted.
 * @param maxAge     how old a snapshot may be before a reader ({@link SluiceMetrics}, the dashboard) triggers
 *                   a new refresh ({@code monitor.max-age}, default 5 seconds); bounds the cost of many readers
 * @param driftMode  what the drift check compares the live schema with ({@code monitor.drift}, default
 *                   {@link DriftMode#REBUILD})
 */
public record MonitorSettings(Duration maxRunning, Set<HealthReason.Kind> downOn, Duration maxAge, DriftMode driftMode) {

    public static final Duration DEFAULT_MAX_RUNNING = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

    public MonitorSettings {
        if (maxRunning.isNegative() || maxRunning.isZero()) {
            throw new IllegalArgumentException("health.max-running must be positive, not " + maxRunning);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("monitor.max-age must not be negative, not " + maxAge);
        }
        downOn = downOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(downOn));
    }

    public static MonitorSettings defaults() {
        return new MonitorSettings(DEFAULT_MAX_RUNNING, EnumSet.allOf(HealthReason.Kind.class), DEFAULT_MAX_AGE, DriftMode.REBUILD);
    }

    public MonitorSettings withMaxRunning(Duration d) {
        return new MonitorSettings(d, downOn, maxAge, driftMode);
    }

    public MonitorSettings withDownOn(Set<HealthReason.Kind> kinds) {
        return new MonitorSettings(maxRunning, kinds, maxAge, driftMode);
    }

    public MonitorSettings withMaxAge(Duration d) {
        return new MonitorSettings(maxRunning, downOn, d, driftMode);
    }

    public MonitorSettings withDriftMode(DriftMode mode) {
        return new MonitorSettings(maxRunning, downOn, maxAge, mode);
    }

    /** How the drift check knows what the schema should be. */
    public enum DriftMode {
        /** Rebuild the applied migrations on a scratch server and diff: slow, but says what differs. */
        REBUILD,
        /** Compare the live fingerprint with the one the history stored: one schema read, no diff. */
        HISTORY
    }
}
