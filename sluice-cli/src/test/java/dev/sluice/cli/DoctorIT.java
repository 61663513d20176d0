package dev.sluice.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-migration checklist: every check passes on a healthy project, and each fails when made to. */
class DoctorIT {

    @TempDir
    Path dir;

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String line(CliRun r, String check) {
        return r.out().lines().filter(l -> l.matches("(PASS|WARN|FAIL)\\s+" + check + "\\b.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + check + ":\n" + r));
    }

    @Test
    void healthyProjectPassesEveryCheck() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
        try {
            String db = Pg15.newDatabase();
            Pg15.execute(db, "create table accounts (id int primary key)");
            Pg15.project(dir, "health-url = http://127.0.0.1:" + http.getAddress().getPort() + "/health");
            Files.writeString(dir.resolve("migrations/V1__Add_name.sql"), "alter table accounts add column name text;\n");
            git(dir, "init", "-q");
            git(dir, "add", "migrations");
            git(dir, "commit", "-q", "-m", "migrations");
            assertEquals(0, Pg15.sluice(dir, db, "backup").exitCode());

            CliRun r = Pg15.sluice(dir, db, "doctor");
            assertEquals(0, r.exitCode(), r.toString());
            for (String check : List.of("database", "migrations", "pending", "backup", "disk", "locks", "replication", "git", "health")) {
                assertTrue(line(r, check).startsWith("PASS"), line(r, check));
            }
            assertTrue(line(r, "database").contains("PostgreSQL 15"), r.out());
            assertTrue(line(r, "replication").contains("no replicas"), r.out());
            assertTrue(r.out().contains("V1 Add name") || r.out().contains("V1__Add_name.sql"), r.out());

            CliRun json = Pg15.sluice(dir, db, "doctor", "--json");
            assertEquals(0, json.exitCode(), json.toString());
            assertTrue(json.out().contains("\"ok\": true") && json.out().contains("\"check\": \"health\""), json.out());

            CliRun migrate = Pg15.sluice(dir, db, "migrate", "--preflight");
            assertEquals(0, migrate.exitCode(), migrate.toString());
            assertTrue(migrate.out().contains("preflight passed"), migrate.out());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void eachCheckFailsWhenMadeTo() throws Exception {
        String db = Pg15.newDatabase();
        Pg15.execute(db, "create table accounts (id int primary key)");
        Pg15.project(dir, "backup-space-factor = 1e15", "health-url = http://127.0.0.1:" + closedPort() + "/health");
        git(dir, "init", "-q");
        Files.writeString(dir.resolve("migrations/V1__Add_name.sql"), "alter table accounts add column name text;\n");
        try (Connection holder = Pg15.cluster().connect(db); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("lock table accounts in access share mode");

            CliRun r = Pg15.sluice(dir, db, "doctor");
            assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.toString());
            assertTrue(line(r, "database").startsWith("PASS"), r.out());
            assertTrue(line(r, "backup").startsWith("FAIL") && line(r, "backup").contains("no backup"), r.out());
            assertTrue(line(r, "disk").startsWith("FAIL"), r.out());
            assertTrue(line(r, "locks").startsWith("FAIL") && line(r, "locks").contains("accounts"), r.out());
            assertTrue(line(r, "git").startsWith("FAIL") && r.out().contains("V1__Add_name.sql"), r.out());
            assertTrue(line(r, "health").startsWith("FAIL"), r.out());

            CliRun migrate = Pg15.sluice(dir, db, "migrate", "--preflight", "--lock-timeout", "1s");
            assertEquals(ExitCodes.CHECK_FAILED, migrate.exitCode(), migrate.toString());
            assertTrue(migrate.out().contains("preflight failed: nothing ran"), migrate.out());
            assertTrue(line(migrate, "backup").startsWith("FAIL"), "no backup and none coming: " + migrate.out());
            CliRun withBackup = Pg15.sluice(dir, db, "migrate", "--preflight", "--backup");
            assertEquals(ExitCodes.CHECK_FAILED, withBackup.exitCode(), withBackup.toString());
            assertTrue(line(withBackup, "backup").startsWith("PASS") && line(withBackup, "backup").contains("migrate takes one"),
                    withBackup.out());
            holder.rollback();
        }
        assertEquals(List.of("0"), Pg15.column(db, "select count(*) from information_schema.columns "
                + "where table_name = 'accounts' and column_name = 'name'"));
    }

    @Test
    void unreachableDatabaseAndInvalidMigrationsFail() throws Exception {
        Pg15.project(dir);
        Files.writeString(dir.resolve("migrations/V1__One.sql"), "select 1;\n");
        Files.writeString(dir.resolve("migrations/V1__Same_version.sql"), "select 2;\n");
        CliRun r = CliRun.run("--dir", dir.toString(), "--url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/x",
                "--user", "postgres", "doctor");
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.toString());
        assertTrue(line(r, "database").startsWith("FAIL"), r.out());
        assertTrue(line(r, "migrations").startsWith("FAIL"), r.out());
        assertFalse(line(r, "git").startsWith("FAIL"), "not a git checkout is a warning: " + r.out());
    }
}
