package dev.sluice.cli;

import dev.sluice.migration.SafeMigration;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the command line finds migrations: configured locations, found folders, and Java migrations from jars. */
@ExtendWith(PostgresExtension.class)
class LocationsIT {

    @TempDir
    Path dir;

    private static CliRun in(Path project, TestDatabase db, String... args) {
        return CliRun.inProject(project, db, args);
    }

    @Test
    void dirPointedAtAFolderOfVFilesUsesItAndSaysSo(TestDatabase db) throws Exception {
        Path flyway = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(flyway.resolve("V1__alpha.sql"), "create table a (id bigint primary key);\n");
        CliRun migrate = in(flyway, db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.err().contains(flyway + " holds migration files and no migrations/ folder: using it as the migrations folder"),
                migrate.err());
        assertFalse(migrate.err().contains("does not exist"), migrate.err());
        assertTrue(db.queryForBoolean("select to_regclass('a') is not null"));
    }

    @Test
    void flywaysDefaultLocationIsFoundInAMavenProject(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        Path flyway = Files.createDirectories(dir.resolve("src/main/resources/db/migration"));
        Files.writeString(flyway.resolve("V1__alpha.sql"), "create table a (id bigint primary key);\n");
        CliRun status = in(dir, db, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.err().contains("no migrations/ folder: using Flyway's default location src/main/resources/db/migration"),
                status.err());
        assertTrue(status.out().contains("alpha"), status.out());
    }

    @Test
    void severalLocationsFromTheFlagTheEnvironmentAndTheConfig(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("schema"));
        Files.createDirectories(dir.resolve("data"));
        Path resources = Files.createDirectories(dir.resolve("res/db/more"));
        Files.writeString(dir.resolve("schema/V1__alpha.sql"), "create table a (id bigint primary key);\n");
        Files.writeString(dir.resolve("data/V2__beta.sql"), "create table b (id bigint primary key);\n");
        Files.writeString(resources.resolve("V3__gamma.sql"), "create table c (id bigint primary key);\n");
        Files.writeString(dir.resolve("sluice.conf"), "locations = schema\n");

        CliRun fromConfig = in(dir, db, "status");
        assertEquals(0, fromConfig.exitCode(), fromConfig.toString());
        assertTrue(fromConfig.out().contains("alpha") && !fromConfig.out().contains("beta"), fromConfig.out());

        CliRun fromEnv = CliRun.run(CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", db.password(),
                "SLUICE_LOCATIONS", "filesystem:schema,data"), "--dir", dir.toString(), "status");
        assertEquals(0, fromEnv.exitCode(), fromEnv.toString());
        assertTrue(fromEnv.out().contains("beta") && !fromEnv.out().contains("gamma"), fromEnv.out());

        CliRun flag = in(dir, db, "migrate", "--locations", "filesystem:schema, data, classpath:db/more",
                "--classpath", "res");
        assertEquals(0, flag.exitCode(), flag.toString());
        assertEquals(3L, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED'"));
        assertTrue(db.queryForBoolean("select to_regclass('c') is not null"), "a classpath location is read from --classpath");

        CliRun unknown = in(dir, db, "status", "--locations", "s3:bucket/migrations");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("'s3:bucket/migrations' has an unknown prefix"), unknown.err());
    }

    @Test
    void javaMigrationsLoadFromAJarGivenWithClasspath(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__alpha.sql"), "create table a (id bigint primary key);\n");
        Files.writeString(dir.resolve("migrations/U1__alpha.sql"), "drop table a;\n");
        Files.writeString(dir.resolve("sluice.conf"), "java-package = com.example.db\n");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        jar(compile("com.example.db", "V2__Add_gadgets", """
                package com.example.db;
                import dev.sluice.migration.MigrationContext;
                import dev.sluice.migration.SafeMigration;
                public class V2__Add_gadgets extends SafeMigration {
                    protected void performUp(MigrationContext c) throws Exception { c.execute("create table gadgets (id bigint primary key)"); }
                    protected void performDown(MigrationContext c) throws Exception { c.execute("drop table gadgets"); }
                    protected void validateUp(MigrationContext c) throws Exception {
                        c.check(c.queryForBoolean("select to_regclass('gadgets') is not null"), "gadgets exists"); }
                    protected void validateDown(MigrationContext c) throws Exception {
                        c.check(c.queryForBoolean("select to_regclass('gadgets') is null"), "gadgets is gone"); }
                }
                """), lib.resolve("migrations.jar"));

        CliRun without = in(dir, db, "status");
        assertEquals(0, without.exitCode(), without.toString());
        assertFalse(without.out().contains("Add gadgets"), "without --classpath the class is not found: " + without.out());

        CliRun migrate = in(dir, db, "migrate", "--classpath", "lib");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(db.queryForBoolean("select to_regclass('gadgets') is not null"), migrate.toString());
        assertEquals("JAVA", db.queryForString("select type from sluice_history where version = '2'"));

        CliRun rollback = CliRun.run(CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", db.password(),
                "SLUICE_JAVA_CLASSPATH", "lib/migrations.jar"), "--dir", dir.toString(), "rollback");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertTrue(db.queryForBoolean("select to_regclass('gadgets') is null"), rollback.toString());

        CliRun missing = in(dir, db, "status", "--classpath", "nowhere");
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("'java-classpath': " + dir.toAbsolutePath().normalize().resolve("nowhere")
                + " is neither a folder nor a jar"), missing.err());
    }

    /** Compiles one class against sluice-core, into a fresh folder; returns that folder. */
    private Path compile(String pkg, String name, String source) throws Exception {
        Path src = Files.createDirectories(dir.resolve("build/src/" + pkg.replace('.', '/')));
        Path classes = Files.createDirectories(dir.resolve("build/classes"));
        Path file = src.resolve(name + ".java");
        Files.writeString(file, source);
        Path core = Path.of(SafeMigration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "--release", "17", "-classpath", core.toString(),
                "-d", classes.toString(), file.toString());
        assertEquals(0, rc, diagnostics.toString());
        return classes;
    }

    private static void jar(Path classes, Path jar) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> all = Files.walk(classes)) {
            // With folder entries, as the jar tool, Maven and Gradle write them.
            for (Path p : all.filter(p -> !p.equals(classes)).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                out.putNextEntry(new JarEntry(Files.isDirectory(p) ? name + "/" : name));
                if (Files.isRegularFile(p)) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
    }
}
