package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what {@code adopt --from numbered} records. With the project's own tracking table, each row names a
 * file by its number ({@code 3}, {@code 003}, {@code 003_add_orders.sql}) in the first of the columns
 * {@code version}, {@code filename}, {@code file_name}, {@code file}, {@code name}, {@code migration},
 * {@code script}; each such file is recorded as applied. Without a table, a baseline at the version given.
 *
 * <p>Refused, each named: a row naming no number or no file, a number below the highest recorded whose file
 * has no row (was it applied?), a row marked {@code dirty} (a half-applied migration), a table without a
 * column that names files.
 */
final class NumberedAdoption {

    static final List<String> NAME_COLUMNS = List.of("version", "filename", "file_name", "file", "name", "migration", "script");

    private static final Pattern NUMBER = Pattern.compile("^(?:.*/)?(\\d+)(?:[_.-].*)?$");

    private NumberedAdoption() {
    }

    static AdoptionPlan fromTable(List<Map<String, Object>> rows, String table, MigrationCatalog catalog, Instant now) {
        List<String> problems = new ArrayList<>();
        Optional<String> column = rows.isEmpty() ? Optional.empty()
                : NAME_COLUMNS.stream().filter(rows.get(0)::containsKey).findFirst();
        if (!rows.isEmpty() && column.isEmpty()) {
            return new AdoptionPlan(List.of(), List.of(), List.of(table + ": none of the columns " + NAME_COLUMNS
                    + " names the applied files; name the table's column so, or adopt by baseline"));
        }
        TreeMap<Version, AdoptedMigration> recorded = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            String value = String.valueOf(row.get(column.get())).strip();
            if (Boolean.TRUE.equals(row.get("dirty"))) {
                problems.add(table + " row '" + value + "': marked dirty, so it may be partly applied; check the database, "
                        + "clear the mark and run adopt again");
                continue;
            }
            Matcher m = NUMBER.matcher(value);
            if (!m.matches()) {
                problems.add(table + " row '" + value + "': names no numbered file (001_name.sql)");
                continue;
            }
            Version version = Version.parse(m.group(1));
            Optional<Migration> found = catalog.find(version);
            if (found.isEmpty()) {
                problems.add(table + " row '" + value + "': applied, but no file of number " + version
                        + " is in the folder; put it back and run adopt again");
                continue;
            }
            recorded.put(version, new AdoptedMigration(found.get().version(), found.get().description(), found.get().type(),
                    found.get().script(), found.get().checksum(), Optional.empty(), table, now, 0));
        }
        if (!recorded.isEmpty()) {
            Version highest = recorded.lastKey();
            for (Migration m : catalog.versioned()) {
                Version v = m.version().orElseThrow();
                if (v.compareTo(highest) < 0 && !recorded.containsKey(v)) {
                    problems.add(m.script() + ": " + table + " records later files but not this one; check whether the database "
                            + "has its changes, record it in " + table + " or apply it, and run adopt again");
                }
            }
        }
        return new AdoptionPlan(new ArrayList<>(recorded.values()), List.of(), problems);
    }

    static AdoptionPlan baseline(Version version, MigrationCatalog catalog, Instant now) {
        Optional<Migration> found = catalog.find(version);
        if (found.isEmpty()) {
            return new AdoptionPlan(List.of(), List.of(), List.of("--version " + version + ": no numbered file has that number; "
                    + "give the number of the last file already applied to this database"));
        }
        AdoptedMigration baseline = new AdoptedMigration(Optional.of(version), "adopted up to " + found.get().script(),
                MigrationType.BASELINE, "<< baseline >>", Optional.empty(), Optional.empty(), "sluice adopt", now, 0);
        return new AdoptionPlan(List.of(baseline), List.of("no tracking table: every file up to " + found.get().script()
                + " is taken as applied (a baseline); they cannot be rolled back past it"), List.of());
    }
}
