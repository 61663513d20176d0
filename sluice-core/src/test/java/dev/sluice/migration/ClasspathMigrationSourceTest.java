package dev.sluice.migration;

import dev.sluice.migration.internal.MigrationResolver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClasspathMigrationSourceTest {

    @Test
    void findsSqlFilesBelowALocationIncludingSubfolders() {
        ClasspathMigrationSource source = new ClasspathMigrationSource("classpath:db/classpath-migrations",
                getClass().getClassLoader());
        List<String> paths = source.scripts().stream().map(ScriptResource::path).toList();
        assertEquals(List.of("db/classpath-migrations/U1__from_classpath.sql", "db/classpath-migrations/V1__from_classpath.sql",
                "db/classpath-migrations/nested/V2__nested.sql"), paths);
        MigrationCatalog catalog = new MigrationResolver(true).resolve(List.of(source));
        assertEquals(2, catalog.versioned().size());
        assertTrue(catalog.versioned().get(0).down().isPresent());
    }

    @Test
    void findsSqlFilesInsideAJar(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path jar = dir.resolve("app.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            for (String name : List.of("db/migration/", "db/migration/V1__in_jar.sql", "db/migration/R__view.sql", "other/V9__x.sql")) {
                out.putNextEntry(new java.util.jar.JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write("select 1;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            List<String> paths = new ClasspathMigrationSource("db/migration", loader).scripts().stream().map(ScriptResource::path).toList();
            assertEquals(List.of("db/migration/R__view.sql", "db/migration/V1__in_jar.sql"), paths);
        }
    }

    @Test
    void aMissingLocationFindsNothing() {
        assertTrue(new ClasspathMigrationSource("db/nothing-here", getClass().getClassLoader()).scripts().isEmpty());
    }
}
