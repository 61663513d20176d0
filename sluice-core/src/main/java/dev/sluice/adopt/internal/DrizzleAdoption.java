package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.migration.DrizzleMigrationSource;
import dev.sluice.migration.DrizzleMigrationSource.JournalEntry;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationFileException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what {@code adopt --from drizzle} records from the rows of {@code __drizzle_migrations} (id, hash,
 * created_at) and the journal. Drizzle's migrator records a migration as the SHA-256 (hex) of its file and the
 * journal entry's {@code when} as {@code created_at}, and runs only entries newer than its last row; so a row
 * is matched to the entry of the same {@code when}, and its hash checked against the file.
 *
 * <p>Refused, each named: a row whose entry is gone from the journal, a file that differs from its hash, a
 * row without {@code created_at}, and an entry older than the last row that has none (Drizzle skipped it for
 * good; whether the database has it only a person can tell). Drizzle records no time of application, so the
 * adopted rows carry the time of the adoption.
 */
final class DrizzleAdoption {

    private DrizzleAdoption() {
    }

    static AdoptionPlan plan(List<Map<String, Object>> rows, DrizzleMigrationSource source, MigrationCatalog catalog, Instant now) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<JournalEntry> journal;
        try {
            journal = source.journal();
        } catch (MigrationFileException e) {
            return new AdoptionPlan(List.of(), List.of(), List.of(e.getMessage()));
        }
        Map<Long, JournalEntry> byWhen = new HashMap<>();
        journal.forEach(e -> byWhen.putIfAbsent(e.when(), e));
        Map<Integer, AdoptedMigration> recorded = new java.util.TreeMap<>();
        long last = Long.MIN_VALUE;
        for (Map<String, Object> row : rows) {
            Object id = row.get("id");
            String hash = String.valueOf(row.get("hash"));
            if (!(row.get("created_at") instanceof Number createdAt)) {
                problems.add("row id " + id + " (hash " + hash + "): has no created_at, so no journal entry can be matched to it; "
                        + "set it to the entry's 'when' and run adopt again");
                continue;
            }
            last = Math.max(last, createdAt.longValue());
            JournalEntry entry = byWhen.get(createdAt.longValue());
            if (entry == null) {
                problems.add("row id " + id + " (created_at " + createdAt + "): applied by Drizzle, but no entry of "
                        + DrizzleMigrationSource.JOURNAL + " has that 'when'; restore the entry and its file and run adopt again");
                continue;
            }
            if (recorded.containsKey(entry.idx())) {
                notes.add("row id " + id + ": a second row for " + entry.file() + ", not recorded twice");
                continue;
            }
            String actual;
            try {
                actual = sha256(source.bytes(entry));
            } catch (MigrationFileException e) {
                problems.add(entry.file() + ": applied by Drizzle, but cannot be read; restore it and run adopt again");
                continue;
            }
            if (!actual.equals(hash)) {
                problems.add(entry.file() + ": differs from what Drizzle applied (its sha256 " + hash + ", the file's " + actual
                        + "); restore the applied text (e.g. from version control)");
                continue;
            }
            Optional<Migration> m = catalog.versioned().stream().filter(x -> x.script().equals(entry.file())).findFirst();
            if (m.isEmpty()) {
                problems.add(entry.file() + ": applied by Drizzle, but not among the migrations Sluice reads; give "
                        + "--locations drizzle:FOLDER and run adopt again");
                continue;
            }
            recorded.put(entry.idx(), new AdoptedMigration(m.get().version(), m.get().description(), m.get().type(),
                    m.get().script(), m.get().checksum(), Optional.of(hash), "drizzle", now, 0));
        }
        Set<Integer> seen = new HashSet<>(recorded.keySet());
        for (JournalEntry entry : journal) {
            if (entry.when() <= last && !seen.contains(entry.idx()) && problems.stream().noneMatch(p -> p.startsWith(entry.file()))) {
                problems.add(entry.file() + ": older than Drizzle's last applied migration but never applied by it (its "
                        + "migrator runs only entries newer than the last row, so it skipped this one); check whether the "
                        + "database has its changes, then apply them or drop the entry, and run adopt again");
            }
        }
        return new AdoptionPlan(new ArrayList<>(recorded.values()), notes, problems);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
