package dev.sluice.lint;

import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.internal.MigrationResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lint reads a folder in the order migrate runs it: one order, from the migration package. */
class LintOrderTest {

    @Test
    void folderInputsFollowTheCatalogOrder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        // Written in an order that neither name, path nor creation time would sort right.
        for (String f : List.of("V10__ten.sql", "b/V1_1__one_one.sql", "V2__two.sql", "U10__ten.sql", "a/V1__one.sql",
                "U1_1__one_one.sql", "a/R__views.sql", "b/R__functions.sql", "R__zz_grants.sql", "V1.2__one_two.sql")) {
            Files.writeString(dir.resolve(f), "select 1;\n");
        }
        MigrationCatalog catalog = new MigrationResolver(true).resolve(List.of(new FileSystemMigrationSource(dir)));
        List<String> expected = new ArrayList<>();
        for (Migration m : catalog.versioned()) {
            expected.add(fileName(m.script()));
            if (m.down().isPresent()) {
                expected.add("U" + fileName(m.script()).substring(1));
            }
        }
        catalog.repeatable().forEach(m -> expected.add(fileName(m.script())));

        List<String> linted = Linter.folderInputs(dir, p -> true).stream().map(i -> fileName(i.name())).toList();

        assertEquals(List.of("V1__one.sql", "V1_1__one_one.sql", "U1_1__one_one.sql", "V1.2__one_two.sql", "V2__two.sql",
                "V10__ten.sql", "U10__ten.sql", "R__functions.sql", "R__views.sql", "R__zz_grants.sql"), expected);
        assertEquals(expected, linted);
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }
}
