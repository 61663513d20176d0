package dev.sluice.migration.internal;

import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationValidation;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.migration.MigrationLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationResolverTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private MigrationCatalog resolve(boolean strict) {
        return new MigrationResolver(strict).resolve(List.of(new FileSystemMigrationSource(dir)));
    }

    @Test
    void pairsUpsWithDownsAndOrdersByVersion() throws IOException {
        write("V10__ten.sql", "select 10;");
        write("V2__two.sql", "select 2;");
        write("sub/U2__two.sql", "select -2;");
        write("R__view.sql", "select 'r';");
        MigrationCatalog c = resolve(false);
        assertEquals(List.of("2", "10"), c.versioned().stream().map(m -> m.requireVersion().toString()).toList());
        assertTrue(c.versioned().get(0).down().isPresent());
        assertEquals("sub/U2__two.sql", c.versioned().get(0).down().get().name());
        assertFalse(c.versioned().get(1).down().isPresent());
        assertEquals(1, c.repeatable().size());
    }

    @Test
    void duplicateVersionsAndOrphanDownsAreAllReported() throws IOException {
        write("V1__a.sql", "select 1;");
        write("V1_0__b.sql", "select 1;");
        write("U7__nothing.sql", "select 1;");
        MigrationLoadException e = assertThrows(MigrationLoadException.class, () -> resolve(false));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("is used by 2 migrations: V1_0__b.sql, V1__a.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("U7__nothing.sql: this down has no up"), e.getMessage());
    }

    @Test
    void threeFilesAtOneVersionAreAllNamedAndEveryOtherProblemToo() throws IOException {
        write("V3__a.sql", "select 1;");
        write("V3__b.sql", "select 1;");
        write("sub/V3_0__c.sql", "select 1;");
        write("U3__a.sql", "select 1;");
        write("U3__b.sql", "select 1;");
        write("R__v.sql", "select 1;");
        write("sub/R__v.sql", "select 1;");
        write("U9__orphan.sql", "select 1;");
        write("V4__ok.sql", "select 1;");
        write("V5__broken.sql", "select 'unterminated;");
        MigrationValidation v = new MigrationResolver(false).validate(List.of(new FileSystemMigrationSource(dir)));
        String all = v.problems().toString();
        assertEquals(5, v.problems().size(), all);
        assertTrue(all.contains("version 3 is used by 3 migrations: V3__a.sql, V3__b.sql, sub/V3_0__c.sql"), all);
        assertTrue(all.contains("version 3 has 2 downs: U3__a.sql, U3__b.sql"), all);
        assertTrue(all.contains("'v' is defined by 2 files: R__v.sql, sub/R__v.sql"), all);
        assertTrue(all.contains("U9__orphan.sql: this down has no up"), all);
        assertTrue(all.contains("V5__broken.sql"), all);
        assertEquals(List.of("3", "4"), v.catalog().versioned().stream().map(m -> m.requireVersion().toString()).toList(),
                "what resolved is still there to show, the contested version by its first file");
        assertThrows(MigrationLoadException.class, v::orThrow);
    }

    @Test
    void unmatchedNameWarnsOrFailsInStrictMode() throws IOException {
        write("V1__a.sql", "select 1;");
        write("notes.sql", "select 1;");
        write("README.md", "not sql");
        assertEquals(1, resolve(false).warnings().size());
        MigrationLoadException e = assertThrows(MigrationLoadException.class, () -> resolve(true));
        assertTrue(e.getMessage().contains("notes.sql"), e.getMessage());
    }

    @Test
    void badDirectiveNamesFileAndLine() throws IOException {
        write("V1__a.sql", "select 1;\n-- sluice:lock-timeout 2s\nselect 2;");
        MigrationLoadException e = assertThrows(MigrationLoadException.class, () -> resolve(false));
        assertTrue(e.getMessage().startsWith("V1__a.sql:2: "), e.getMessage());
        assertTrue(e.getMessage().contains("move it to the top"), e.getMessage());
    }

    @Test
    void validationSectionIsSeparated() throws IOException {
        write("V1__a.sql", "-- sluice:transaction off\ncreate table a (id int);\n-- sluice:validate\nselect true;\n");
        SqlMigrationBody body = (SqlMigrationBody) resolve(false).versioned().get(0).up();
        assertEquals(1, body.statements().size());
        assertEquals(1, body.validations().size());
        assertEquals(4, body.validations().get(0).line());
        assertFalse(body.transactional());
    }

    @Test
    void nonUtf8FileIsRefusedByName() throws IOException {
        Files.write(dir.resolve("V1__latin1.sql"), new byte[]{'s', 'e', 'l', (byte) 0xe9, ';'});
        MigrationLoadException e = assertThrows(MigrationLoadException.class, () -> resolve(false));
        assertTrue(e.getMessage().contains("V1__latin1.sql") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void transactionControlInATransactionalScriptIsRefused() throws IOException {
        write("V1__a.sql", "begin;\ncreate table a (id int);\ncommit;\n");
        MigrationLoadException e = assertThrows(MigrationLoadException.class, () -> resolve(false));
        assertTrue(e.getMessage().startsWith("V1__a.sql:1: "), e.getMessage());
    }
}
