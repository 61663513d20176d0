package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution as a user installs it: {@code sluice-<version>.tar.gz} (built by this module's package phase)
 * unpacked with {@code tar} into a temporary folder, and {@code bin/sluice} run as a separate process from another
 * folder, with nothing of the build on its class path.
 */
@ExtendWith(PostgresExtension.class)
class DistributionIT {

    /** A guard against a hung process, not a speed expectation. */
    private static final long PROCESS_LIMIT_MINUTES = 5;

    @TempDir
    Path dir;

    private Path home;
    private Path elsewhere;

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("sluice.distribution", "target/sluice.tar.gz"));
        assertTrue(Files.isRegularFile(archive), archive + " is missing: the package phase builds it");
        Path install = Files.createDirectories(dir.resolve("install"));
        Result tar = run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", install.toString()), Map.of(), install);
        assertEquals(0, tar.exitCode(), tar.toString());
        try (var top = Files.list(install)) {
            home = top.filter(p -> p.getFileName().toString().startsWith("sluice-")).findFirst().orElseThrow();
        }
        assertEquals(archive.getFileName().toString().replace(".tar.gz", ""), home.getFileName().toString());
        assertTrue(Files.isExecutable(home.resolve("bin/sluice")));
        assertTrue(Files.isRegularFile(home.resolve("bin/sluice.cmd")));
        assertTrue(Files.isRegularFile(home.resolve("lib/sluice.jar")));
        elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    }

    @Test
    void versionAndMigrateFromAnotherFolderThenTheClassDataArchiveIsUsed(TestDatabase db) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home")));

        Result version = sluice(List.of("version"), env);
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("sluice "), version.out());

        Path project = Files.createDirectories(dir.resolve("project/migrations"));
        Files.writeString(project.resolve("V1__create_customers.sql"),
                "create table customers (id bigint generated always as identity primary key, email text not null);\n");
        Files.writeString(project.resolve("U1__create_customers.sql"), "drop table customers;\n");
        Files.writeString(project.resolve("V2__create_orders.sql"),
                "create table orders (id bigint primary key, customer_id bigint not null references customers);\n");
        env.putAll(Map.of("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", db.password()));
        Result migrate = sluice(List.of("--dir", project.getParent().toString(), "migrate"), env);
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(db.queryForBoolean("select to_regclass('orders') is not null"), migrate.toString());
        assertEquals(List.of("1", "2"), db.queryForList("select version from sluice_history where state = 'APPLIED' order by installed_rank"));

        // The first runs wrote the class-data-sharing archive into lib/ in the background; once written, the
        // launcher maps it, and the JVM loads the command line's classes from it.
        Path lib = home.resolve("lib");
        for (int i = 0; i < 1200 && (Files.exists(lib.resolve("sluice.jsa.lock")) || !Files.exists(lib.resolve("sluice.jsa.java"))); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertTrue(Files.isRegularFile(lib.resolve("sluice.jsa")), "no archive in " + lib);
        env.put("SLUICE_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info");
        Result mapped = sluice(List.of("version"), env);
        assertEquals(0, mapped.exitCode(), mapped.toString());
        assertTrue(mapped.out().contains("dev.sluice.cli.SluiceCommand source: shared objects file (top)"),
                "the command line's classes did not come from the archive");
    }

    @Test
    void javaOnPathAndThroughASymbolicLink() throws Exception {
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("sluice"), home.resolve("bin/sluice"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        env.put("SLUICE_JAVA_OPTS", "-Xshare:off");
        Result version = run(List.of(links.resolve("sluice").toString(), "version"), env, elsewhere);
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("sluice "), version.out());
        assertFalse(Files.exists(home.resolve("lib/sluice.jsa.lock")), "-Xshare:off writes no archive");
    }

    @Test
    void sluiceJavaOptsReachTheJvm() throws Exception {
        Result bad = sluice(List.of("version"), Map.of("JAVA_HOME", System.getProperty("java.home"),
                "SLUICE_JAVA_OPTS", "-Xshare:off -XX:+NoSuchSluiceOption"));
        assertTrue(bad.exitCode() != 0, bad.toString());
        assertTrue(bad.err().contains("NoSuchSluiceOption"), bad.toString());
    }

    @Test
    void withoutJavaItSaysWhatToSet() throws Exception {
        // A PATH with the few tools the launcher needs before it looks for Java, and no java.
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("dirname", "readlink")) {
            Path found = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
        Result none = run(List.of("/bin/sh", home.resolve("bin/sluice").toString(), "version"), Map.of("PATH", tools.toString()), elsewhere);
        assertEquals(ExitCodes.INTERNAL, none.exitCode(), none.toString());
        assertTrue(none.err().contains("no Java found: set JAVA_HOME"), none.toString());
    }

    private Result sluice(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/sluice").toString());
        command.addAll(args);
        return run(command, env, elsewhere);
    }

    /** Runs a process in {@code cwd} with only {@code env} added to (or, for PATH, replacing) this JVM's environment. */
    private Result run(List<String> command, Map<String, String> env, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_") || k.equals("JAVA_HOME"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        if (!process.waitFor(PROCESS_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
