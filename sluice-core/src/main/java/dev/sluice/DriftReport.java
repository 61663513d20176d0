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

    /** Whether the live schema differs from what the migrations produce. */
    public boolean drifted() {
        if (diff.isPresent()) {
            return !diff.get().isEmpty();
        }
        return expectedFingerprint.map(f -> !f.equals(actualFingerprint)).orElse(false);
    }
}
