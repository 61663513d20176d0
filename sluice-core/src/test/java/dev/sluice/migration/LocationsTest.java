package dev.sluice.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which folders a project's migrations come from, configured or found. */
class LocationsTest {

    @TempDir
    Path dir;

    private final ClassLoader loader = getClass().getClassLoader();

    private static List<String> described(Locations l) {
        return l.sources().stream().map(MigrationSource::describe).toList();
    }

    @Test
    void theProjectsOwnMigrationsFolderWinsAndNeedsNoNote() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.createDirectories(dir.resolve(Locations.FLYWAY_DEFAULT));
        Files.writeString(dir.resolve("V1__a.sql"), "select 1;\n");
        Locations l = Locations.resolve(dir, Optional.empty(), loader);
        assertEquals(dir.resolve("migrations").toAbsolutePath().normalize(), l.folder());
        assertEquals(List.of(), l.notes());
    }

    @Test
    void aFolderOfVFilesIsItsOwnMigrationsFolderAndSaysSo() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "select 1;\n");
        Locations l = Locations.resolve(dir, Optional.empty(), loader);
        assertEquals(dir.toAbsolutePath().normalize(), l.folder());
        assertTrue(l.notes().get(0).contains("using it as the migrations folder"), l.notes().toString());
    }

    @Test
    void flywaysDefaultLocationIsFoundInAMavenOrGradleLayout() throws Exception {
        Files.createDirectories(dir.resolve(Locations.FLYWAY_DEFAULT));
        Files.writeString(dir.resolve("build.gradle"), "plugins { id 'java' }\n");
        Locations l = Locations.resolve(dir, Optional.empty(), loader);
        assertEquals(dir.resolve(Locations.FLYWAY_DEFAULT).toAbsolutePath().normalize(), l.folder());
        assertTrue(l.notes().get(0).contains("Flyway's default location src/main/resources/db/migration"), l.notes().toString());
    }

    @Test
    void prismasFoldersAreFoundAndReadAsVersionedMigrationsWithTheirDowns() throws Exception {
        Path init = Files.createDirectories(dir.resolve("prisma/migrations/20240101120001_init"));
        Files.writeString(init.resolve("migration.sql"), "create table a (id int);\n");
        Files.writeString(init.resolve("down.sql"), "drop table a;\n");
        Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
        Locations l = Locations.resolve(dir, Optional.empty(), loader);
        assertTrue(l.notes().get(0).contains("using Prisma's prisma/migrations"), l.notes().toString());
        assertEquals(List.of("V20240101120001__init.sql", "U20240101120001__init.sql"),
                l.sources().get(0).scripts().stream().map(ScriptResource::name).toList());
        assertEquals("20240101120001_init/migration.sql", l.sources().get(0).scripts().get(0).path());

        Files.createDirectories(dir.resolve("prisma/migrations/init_without_timestamp"));
        Files.writeString(dir.resolve("prisma/migrations/init_without_timestamp/migration.sql"), "select 1;\n");
        Locations named = Locations.resolve(dir, Optional.of("prisma:prisma/migrations"), loader);
        MigrationFileException e = assertThrows(MigrationFileException.class, () -> named.sources().get(0).scripts());
        assertTrue(e.getMessage().contains("init_without_timestamp/migration.sql"), e.getMessage());
    }

    @Test
    void nothingFoundMeansTheDefaultFolderWhoseAbsenceTheSourceReports() {
        Locations l = Locations.resolve(dir, Optional.empty(), loader);
        assertEquals(dir.resolve("migrations").toAbsolutePath().normalize(), l.folder());
        assertThrows(MigrationFileException.class, () -> l.sources().get(0).scripts());
    }

    @Test
    void severalEntriesWithPrefixesKeepTheirOrder() {
        Locations l = Locations.resolve(dir, Optional.of("filesystem:sql/main, sql/extra ,classpath:db/migration"), loader);
        Path project = dir.toAbsolutePath().normalize();
        assertEquals(List.of(project.resolve("sql/main").toString(), project.resolve("sql/extra").toString(),
                "classpath:db/migration"), described(l));
        assertEquals(project.resolve("sql/main"), l.folder(), "the first folder is where new files go");
    }

    @Test
    void anUnknownPrefixOrAnEmptyEntryIsNamed() {
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> Locations.resolve(dir, Optional.of("s3:bucket/migrations"), loader));
        assertTrue(prefix.getMessage().contains("'s3:bucket/migrations' has an unknown prefix"), prefix.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Locations.resolve(dir, Optional.of("a,,b"), loader));
        assertTrue(empty.getMessage().contains("empty entry"), empty.getMessage());
    }
}
