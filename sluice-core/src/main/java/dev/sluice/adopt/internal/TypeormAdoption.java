package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.TypeormMigrationSource;
import dev.sluice.migration.TypeormMigrationSource.TypeormMigration;
import dev.sluice.migration.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what {@code adopt --from typeorm} records from the rows of TypeORM's {@code migrations} table (id,
 * timestamp, name): TypeORM records each migration by its class's name and the 13-digit timestamp at its end,
 * so a row is matched to the class of that name. TypeORM stores no checksum and no time of application, so
 * the files are taken as what ran, and the adopted rows carry the time of the adoption.
 *
 * <p>Refused, each named: a row whose class is in no file of the folder, or whose timestamp is not its class's.
 */
final class TypeormAdoption {

    private TypeormAdoption() {
    }

    static AdoptionPlan plan(List<Map<String, Object>> rows, TypeormMigrationSource source, MigrationCatalog catalog, Instant now) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, TypeormMigration> byName = new HashMap<>();
        source.migrations().forEach(m -> byName.putIfAbsent(m.className(), m));
        List<AdoptedMigration> recorded = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String name = String.valueOf(row.get("name"));
            Object timestamp = row.get("timestamp");
            String subject = "row id " + row.get("id") + " " + name;
            TypeormMigration migration = byName.get(name);
            if (migration == null) {
                problems.add(subject + ": applied by TypeORM, but no migration class of that name is in " + source.folder()
                        + "; put its file back (or give --locations typeorm:FOLDER) and run adopt again");
                continue;
            }
            if (!(timestamp instanceof Number n) || n.longValue() != migration.timestamp()) {
                problems.add(subject + ": TypeORM recorded timestamp " + timestamp + ", but the class in " + migration.file()
                        + " ends with " + migration.timestamp() + "; restore the class's name");
                continue;
            }
            Optional<Migration> m = catalog.find(Version.parse(Long.toString(migration.timestamp())));
            if (m.isEmpty()) {
                problems.add(subject + ": its file " + migration.file() + " was not read as a migration; see the problems above");
                continue;
            }
            recorded.add(new AdoptedMigration(m.get().version(), m.get().description(), m.get().type(), m.get().script(),
                    m.get().checksum(), Optional.empty(), "typeorm", now, 0));
        }
        if (!recorded.isEmpty()) {
            notes.add("TypeORM stores no checksums: the migration files are taken as what it applied");
        }
        return new AdoptionPlan(recorded, notes, problems);
    }
}
