package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from {@code _prisma_migrations} and the project's {@code prisma/migrations} folders, what
 * {@code adopt --from prisma} records. A migration counts as applied when a row of its name finished and was
 * not marked rolled back. Its checksum is the SHA-256 of {@code migration.sql} as Prisma computes it (hex);
 * the text with its line endings turned to {@code \n} or to {@code \r\n} matches too, since Prisma accepts a
 * checkout whose line endings git changed.
 *
 * <p>Refused, each named: an applied migration whose folder is gone or whose {@code migration.sql} differs,
 * and a row that started and never finished nor was rolled back (Prisma's own P3009 state). Not recorded,
 * with a note: rows marked rolled back ({@code prisma migrate resolve --rolled-back}).
 */
public final class PrismaAdoption {

    private PrismaAdoption() {
    }

    /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes. */
    public static String checksum(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static boolean matches(String text, String stored) {
        String lf = text.replace("\r\n", "\n");
        return stored.equalsIgnoreCase(checksum(text)) || stored.equalsIgnoreCase(checksum(lf))
                || stored.equalsIgnoreCase(checksum(lf.replace("\n", "\r\n")));
    }

    public static AdoptionPlan plan(List<PrismaRow> rows, MigrationCatalog catalog, Map<String, String> texts) {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, PrismaRow> applied = new LinkedHashMap<>();
        Map<String, PrismaRow> unfinished = new LinkedHashMap<>();
        for (PrismaRow row : rows) {
            if (row.rolledBackAt().isPresent()) {
                notes.add(row.migrationName() + ": marked rolled back in " + PrismaHistory.TABLE + " (row " + row.id()
                        + "): not imported");
            } else if (row.finishedAt().isPresent()) {
                applied.put(row.migrationName(), row);
                unfinished.remove(row.migrationName());
            } else {
                unfinished.put(row.migrationName(), row);
            }
        }
        unfinished.forEach((name, row) -> problems.add(name + ": started under Prisma and never finished (row " + row.id() + ", "
                + row.appliedStepsCount() + " steps applied) and may be partly applied; check the database, then mark it with "
                + "'prisma migrate resolve --applied' or '--rolled-back' and run adopt again"));
        List<AdoptedMigration> recorded = new ArrayList<>();
        for (PrismaRow row : applied.values()) {
            String script = row.migrationName() + "/migration.sql";
            Optional<Migration> found = catalog.versioned().stream().filter(m -> m.script().equals(script)).findFirst();
            if (found.isEmpty()) {
                problems.add(script + ": applied by Prisma, but not in the locations; put the folder back (or give "
                        + "--locations prisma:FOLDER) and run adopt again");
                continue;
            }
            String text = texts.get(script);
            if (text == null || !matches(text, row.checksum())) {
                problems.add(script + ": differs from what Prisma applied (its sha256 " + row.checksum() + ", the file's "
                        + (text == null ? "unreadable" : checksum(text)) + "); restore the applied text (e.g. from version control)");
                continue;
            }
            Migration m = found.get();
            long ms = Duration.between(row.startedAt(), row.finishedAt().orElseThrow()).toMillis();
            recorded.add(new AdoptedMigration(m.version(), m.description(), m.type(), m.script(), m.checksum(),
                    Optional.of(row.checksum()), "prisma", row.startedAt(), Math.max(0, ms)));
        }
        return new AdoptionPlan(recorded, notes, problems);
    }
}
