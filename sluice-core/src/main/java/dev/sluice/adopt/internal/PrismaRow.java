package dev.sluice.adopt.internal;

import java.time.Instant;
import java.util.Optional;

/** One row of {@code _prisma_migrations}, with its real columns ({@code logs} aside). */
public record PrismaRow(String id, String checksum, Optional<Instant> finishedAt, String migrationName,
                        Optional<Instant> rolledBackAt, Instant startedAt, int appliedStepsCount) {
}
