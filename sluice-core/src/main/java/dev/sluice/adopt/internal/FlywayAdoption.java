package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from Flyway's history rows and the project's migrations, what {@code adopt} records: for each
 * version and each repeatable migration the effect of its last row (an undo or a {@code DELETE} marker
 * cancels an earlier apply), every SQL file checked against the CRC32 Flyway stored. Touches no database,
 * so the whole decision is testable on rows alone.
 *
 * <p>Refused, each named: a versioned migration applied by Flyway whose file or class is not in the
 * locations, whose file differs from what Flyway applied, or whose last run failed; a row type Sluice has
 * no equivalent for. Not recorded, with a note: Flyway's schema-creation marker, and a repeatable migration
 * that changed or vanished since (as under Flyway, {@code migrate} re-applies a changed one).
 */
public final class FlywayAdoption {

    private FlywayAdoption() {
    }

    /**
     * @param texts each SQL file's text by its script path, as the migration records it
     */
    public static AdoptionPlan plan(List<FlywayRow> rows, MigrationCatalog catalog, Map<String, String> texts) {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, FlywayRow> last = new LinkedHashMap<>();
        for (FlywayRow row : rows) {
            String key = row.version().map(v -> "V" + Version.parse(v)).orElse("R " + row.description());
            switch (row.type()) {
                case "SCHEMA" -> notes.add("row " + row.installedRank() + ": Flyway's marker of the schemas it created ("
                        + row.script() + "), not a migration: not recorded");
                case "DELETE", "UNDO_SQL", "UNDO_JDBC", "UNDO_SCRIPT", "UNDO_SPRING_JDBC" -> {
                    if (row.success()) {
                        last.remove(key);
                    }
                }
                default -> {
                    last.remove(key);
                    last.put(key, row);
                }
            }
        }
        List<AdoptedMigration> recorded = new ArrayList<>();
        for (FlywayRow row : last.values().stream().sorted(Comparator.comparingInt(FlywayRow::installedRank)).toList()) {
            String subject = "row " + row.installedRank() + " " + row.version().map(v -> "V" + v).orElse("R") + " "
                    + row.description() + " (" + row.script() + ")";
            if (!row.success()) {
                problems.add(subject + ": failed under Flyway and may be partly applied; check the database, then remove "
                        + "the row ('flyway repair') and run adopt again");
                continue;
            }
            if (row.type().equals("BASELINE")) {
                recorded.add(adopted(row, Optional.of(Version.parse(row.version().orElse("1"))), row.description(),
                        MigrationType.BASELINE, row.script(), Optional.empty()));
                continue;
            }
            if (!List.of("SQL", "JDBC", "SPRING_JDBC").contains(row.type())) {
                problems.add(subject + ": Flyway type " + row.type() + " has no Sluice equivalent; adopt takes SQL and Java "
                        + "migrations and baselines");
                continue;
            }
            if (row.version().isEmpty()) {
                repeatable(row, catalog, texts, subject, recorded, notes);
                continue;
            }
            Version version = Version.parse(row.version().get());
            Optional<Migration> found = catalog.find(version);
            if (found.isEmpty()) {
                problems.add(subject + ": applied by Flyway, but no file or class of version " + version
                        + " is in the locations; put it back (or give --locations / --classpath) and run adopt again");
                continue;
            }
            Migration m = found.get();
            boolean java = !row.type().equals("SQL");
            if (java != (m.type() == MigrationType.JAVA)) {
                problems.add(subject + ": Flyway applied it as " + (java ? "a Java" : "an SQL") + " migration, but version "
                        + version + " is now " + m.script() + "; the applied migration must stay what it was");
                continue;
            }
            if (!java && !matches(row, m, texts, subject, problems)) {
                continue;
            }
            recorded.add(adopted(row, m.version(), m.description(), m.type(), m.script(), m.checksum()));
        }
        return new AdoptionPlan(recorded, notes, problems);
    }

    private static void repeatable(FlywayRow row, MigrationCatalog catalog, Map<String, String> texts, String subject,
                                   List<AdoptedMigration> recorded, List<String> notes) {
        Optional<Migration> found = catalog.repeatable().stream().filter(m -> m.description().equals(row.description())).findFirst();
        if (found.isEmpty()) {
            notes.add(subject + ": applied by Flyway, its file is gone: not recorded");
            return;
        }
        Migration m = found.get();
        String text = texts.get(m.script());
        if (text != null && row.checksum().isPresent() && FlywayChecksum.of(text) != row.checksum().get()) {
            notes.add(subject + ": changed since Flyway applied it: not recorded, so 'sluice migrate' re-applies it, as Flyway would");
            return;
        }
        recorded.add(adopted(row, Optional.empty(), m.description(), MigrationType.REPEATABLE, m.script(), m.checksum()));
    }

    private static boolean matches(FlywayRow row, Migration m, Map<String, String> texts, String subject, List<String> problems) {
        String text = texts.get(m.script());
        if (text == null) {
            problems.add(subject + ": the text of " + m.script() + " could not be read to check it");
            return false;
        }
        if (row.checksum().isEmpty()) {
            return true;
        }
        int file = FlywayChecksum.of(text);
        if (file != row.checksum().get()) {
            problems.add(m.script() + ": differs from what Flyway applied (its checksum " + row.checksum().get()
                    + ", the file's " + file + "); restore the applied text (e.g. from version control), or if the edit "
                    + "is intended and harmless, run 'flyway repair' first");
            return false;
        }
        return true;
    }

    private static AdoptedMigration adopted(FlywayRow row, Optional<Version> version, String description, MigrationType type,
                                            String script, Optional<String> checksum) {
        return new AdoptedMigration(version, description, type, script, checksum,
                row.checksum().map(String::valueOf), row.installedBy(), row.installedOn(), row.executionTime());
    }
}
