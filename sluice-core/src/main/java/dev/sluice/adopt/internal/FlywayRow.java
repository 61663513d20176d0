package dev.sluice.adopt.internal;

import java.time.Instant;
import java.util.Optional;

/** One row of {@code flyway_schema_history}, with its real columns. */
public record FlywayRow(int installedRank, Optional<String> version, String description, String type, String script,
                        Optional<Integer> checksum, String installedBy, Instant installedOn, long executionTime,
                        boolean success) {
}
