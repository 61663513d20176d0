package dev.sluice;

import dev.sluice.migration.Version;
import dev.sluice.schema.SchemaDiff;

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
 */
public record DriftReport(Mode mode, Optional<Version> version, Optional<String> expectedFingerprint,
                          String actualFingerprint, Optional<SchemaDiff> diff) {

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
