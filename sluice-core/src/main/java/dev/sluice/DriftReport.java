package dev.sluice;

import dev.sluice.migration.Version;
import dev.sluice.schema.SchemaDiff;

import java.util.List;
import java.util.Optional;

/**
 * How the live schema compares with what the applied migrations produce.
 *
 * @param mode                what the live schema was compared against
 * @param version             the version the comparison stands for (the live database's current version)
 * @param expectedFingerprint the fingerprint the migrations give; empty when the history holds none
 * @param actualFingerprint   the live database's fingerprint
 * @param diff                the differences, from expected to live; empty in {@link Mode#HISTORY}, which
 *                            has a fingerprint only
 * @param targetMajor         the live server's PostgreSQL major
 * @param scratchMajor        the major of the server the migrations were rebuilt on; 0 in {@link Mode#HISTORY}
 * @param normalised          objects whose definitions differed as text between the two majors but were
 *                            found to be the same query when the scratch server parsed both; empty when
 *                            the majors are the same
 */
public record DriftReport(Mode mode, Optional<Version> version, Optional<String> expectedFingerprint,
                          String actualFingerprint, Optional<SchemaDiff> diff, int targetMajor, int scratchMajor,
                          List<String> normalised) {

    public DriftReport {
        normalised = List.copyOf(normalised);
    }

    /** Whether the rebuild ran on another major than the target's, so that only normalised definitions were comparable. */
    public boolean crossMajor() {
        return mode == Mode.REBUILD && scratchMajor != targetMajor;
    }

    public enum Mode {
        /** The migrations were run on a scratch database and the two schemas compared object by object. */
        REBUILD,
        /** The live fingerprint was compared with the one stored in the history at the last migration. */
        HISTORY
    }

    /**
     * This report as the monitor keeps it ({@link dev.sluice.monitor.SluiceMonitor#checkDrift()}): the verdict,
     * the diff's lines and a one-line summary.
     */
    public dev.sluice.monitor.DriftStatus asStatus(java.time.Instant checkedAt) {
        dev.sluice.monitor.MonitorSettings.DriftMode how = mode == Mode.REBUILD
                ? dev.sluice.monitor.MonitorSettings.DriftMode.REBUILD : dev.sluice.monitor.MonitorSettings.DriftMode.HISTORY;
        if (mode == Mode.HISTORY && expectedFingerprint.isEmpty()) {
            return new dev.sluice.monitor.DriftStatus(dev.sluice.monitor.DriftStatus.State.NOT_CHECKED, Optional.of(checkedAt),
                    Optional.of(how), List.of(), "the history holds no schema fingerprint to compare with");
        }
        List<String> lines = diff.map(SchemaDiff::lines).orElse(List.of());
        String at = version.map(v -> " at version " + v).orElse("");
        String summary = !drifted() ? "the live schema is what the migrations produce" + at
                : lines.isEmpty() ? "the live schema's fingerprint differs from the one the history stored" + at
                : lines.size() + " difference(s) between what the migrations produce" + at + " and the live schema";
        if (crossMajor()) {
            summary += " (rebuilt on PostgreSQL " + scratchMajor + ", the target runs " + targetMajor + ")";
        }
        return new dev.sluice.monitor.DriftStatus(drifted() ? dev.sluice.monitor.DriftStatus.State.DRIFTED
                : dev.sluice.monitor.DriftStatus.State.CLEAN, Optional.of(checkedAt), Optional.of(how), lines, summary);
    }

    /** Whether the live schema differs from what the migrations produce. */
    public boolean drifted() {
        if (diff.isPresent()) {
            return !diff.get().isEmpty();
        }
        return expectedFingerprint.map(f -> !f.equals(actualFingerprint)).orElse(false);
    }
}
