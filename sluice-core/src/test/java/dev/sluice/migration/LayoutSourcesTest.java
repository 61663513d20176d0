package dev.sluice.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drizzle's, numbered and TypeORM layouts: what each source reads, and how locations find them. */
class LayoutSourcesTest {

    @TempDir
    Path dir;

    @Test
    void drizzleTheJournalDecidesAndBreakpointsEndStatements() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("drizzle/meta"));
        Files.writeString(folder.resolve("_journal.json"), "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":["
                + "{\"idx\":0,\"version\":\"7\",\"when\":1700000000000,\"tag\":\"0000_init\",\"breakpoints\":true},"
                + "{\"idx\":1,\"version\":\"7\",\"when\":1700000000001,\"tag\":\"0001_add_name\",\"breakpoints\":true}]}");
        Files.writeString(dir.resolve("drizzle/0000_init.sql"), "create table a (id int)\n--> statement-breakpoint\ncreate table b (id int);");
        Files.writeString(dir.resolve("drizzle/0001_add_name.sql"), "alter table a add column name text;");
        Files.writeString(dir.resolve("drizzle/0001_add_name.down.sql"), "alter table a drop column name;");
        Files.writeString(dir.resolve("drizzle/0099_not_in_journal.sql"), "drop table a;");
        Locations found = Locations.resolve(dir, Optional.empty(), getClass().getClassLoader());
        assertInstanceOf(DrizzleMigrationSource.class, found.sources().get(0));
        List<ScriptResource> scripts = found.sources().get(0).scripts();
        assertEquals(List.of("V0__init.sql", "V1__add_name.sql", "U1__add_name.sql"), scripts.stream().map(ScriptResource::name).toList());
        assertEquals("0000_init.sql", scripts.get(0).path());
        assertEquals("create table a (id int)\n;--> statement-breakpoint\ncreate table b (id int);", scripts.get(0).text());

        Files.delete(dir.resolve("drizzle/0001_add_name.sql"));
        MigrationFileException e = assertThrows(MigrationFileException.class, () -> new DrizzleMigrationSource(dir.resolve("drizzle")).scripts());
        assertTrue(e.getMessage().contains("0001_add_name.sql: is listed in meta/_journal.json (idx 1) but does not exist"), e.getMessage());
    }

    @Test
    void numberedFilesWithBothKindsOfDownAndAScriptThatIsNoMigration() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(folder.resolve("001_create_users.sql"), "create table users (id int);");
        Files.writeString(folder.resolve("001_rollback.sql"), "drop table users;");
        Files.writeString(folder.resolve("002_add_name.sql"), "alter table users add column name text;");
        Files.writeString(folder.resolve("002_add_name.down.sql"), "alter table users drop column name;");
        Files.writeString(folder.resolve("schema.sql"), "create table if not exists users (id int);");
        Locations found = Locations.resolve(dir, Optional.empty(), getClass().getClassLoader());
        assertInstanceOf(NumberedMigrationSource.class, found.sources().get(0));
        assertTrue(found.notes().get(0).contains("numbered SQL files"), found.notes().toString());
        assertEquals(List.of("V001__create_users.sql", "U001__create_users.sql", "U002__add_name.sql", "V002__add_name.sql"),
                found.sources().get(0).scripts().stream().map(ScriptResource::name).toList());
        MigrationCatalog catalog = new dev.sluice.migration.internal.MigrationResolver(true).resolve(found.sources());
        assertEquals(2, catalog.versioned().size());
        assertTrue(catalog.versioned().stream().allMatch(m -> m.down().isPresent()));
    }

    @Test
    void layoutsAreNamedByTheirPrefixAndAnUnknownOneIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("db/typeorm"));
        Locations found = Locations.resolve(dir, Optional.of("typeorm:db/typeorm, numbered:sql"), getClass().getClassLoader());
        assertInstanceOf(TypeormMigrationSource.class, found.sources().get(0));
        assertInstanceOf(NumberedMigrationSource.class, found.sources().get(1));
        assertEquals(dir.resolve("db/typeorm").toAbsolutePath().normalize(), found.folder());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Locations.resolve(dir, Optional.of("liquibase:db"), getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("drizzle:FOLDER, typeorm:FOLDER or numbered:FOLDER"), e.getMessage());
    }
}
