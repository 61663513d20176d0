package dev.sluice;

import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.migration.FileSystemMigrationSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Resolving the migrations once per command, and afresh for a long-lived facade; no database involved. */
class SluiceCatalogTest {

    @TempDir
    Path dir;

    private Sluice sluice() {
        return new Sluice(SluiceOptions.builder(new JdbcConnectionFactory("jdbc:postgresql://127.0.0.1:1/none", "nobody", null))
                .source(new FileSystemMigrationSource(dir)).build());
    }

    @Test
    void aPlainFacadeReadsTheFilesAgainForEachOperation() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
        Sluice sluice = sluice();
        assertEquals(1, sluice.catalog().versioned().size());
        Files.writeString(dir.resolve("V2__b.sql"), "create table b (id int);\n");
        assertEquals(2, sluice.catalog().versioned().size());
        assertNotSame(sluice.catalog(), sluice.catalog());
    }

    @Test
    void aFacadeResolvingOnceKeepsItsFirstCatalog() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
        Sluice sluice = sluice().resolvingOnce();
        var first = sluice.catalog();
        Files.writeString(dir.resolve("V2__b.sql"), "create table b (id int);\n");
        assertSame(first, sluice.catalog());
        assertEquals(1, sluice.catalog().versioned().size());
    }
}
