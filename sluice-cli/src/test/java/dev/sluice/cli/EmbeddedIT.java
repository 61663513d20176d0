package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default as a new user meets it: doctor and preflight pass, and psql can be pointed at it. */
class EmbeddedIT {

    @TempDir
    Path dir;

    private void freshProject() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__create_books.sql"), "create table books (id bigint primary key, title text);\n");
        Files.writeString(dir.resolve("migrations/U1__create_books.sql"), "drop table books;\n");
    }

    @Test
    void doctorAndPreflightPassOnAFreshEmbeddedProject() throws Exception {
        freshProject();
        CliRun doctor = CliRun.run("--dir", dir.toString(), "doctor");
        assertEquals(0, doctor.exitCode(), doctor.toString());
        assertTrue(doctor.out().matches("(?s).*PASS\\s+backup\\s+does not apply to the embedded development database.*"), doctor.out());
        CliRun migrate = CliRun.run("--dir", dir.toString(), "migrate", "--preflight");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("preflight passed"), migrate.out());
        assertTrue(migrate.out().contains("database now at version 1"), migrate.out());
    }

    @Test
    void urlStartsTheEmbeddedDatabaseForPsqlOnAStablePortAndStopStopsIt() throws Exception {
        freshProject();
        assertEquals(0, CliRun.run("--dir", dir.toString(), "migrate").exitCode());
        CliRun url = CliRun.run("--dir", dir.toString(), "url");
        try {
            assertEquals(0, url.exitCode(), url.toString());
            Matcher jdbc = Pattern.compile("jdbc:  (jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/postgres)\\?user=postgres").matcher(url.out());
            assertTrue(jdbc.find(), url.out());
            assertTrue(url.out().contains("psql:  psql 'postgresql://postgres@127.0.0.1:" + jdbc.group(2) + "/postgres'"), url.out());
            // The server outlives the command: another client sees what migrate did.
            try (Connection c = DriverManager.getConnection(jdbc.group(1), "postgres", "");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from books")) {
                assertTrue(rs.next());
            }
            // The next command uses the running server, and prints the same URL.
            CliRun again = CliRun.run("--dir", dir.toString(), "url");
            assertTrue(again.out().contains(jdbc.group(1)), again.toString());
            assertEquals(0, CliRun.run("--dir", dir.toString(), "status").exitCode());
            CliRun stop = CliRun.run("--dir", dir.toString(), "url", "--stop");
            assertEquals(0, stop.exitCode(), stop.toString());
            assertTrue(stop.out().contains("stopped the embedded database"), stop.out());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(jdbc.group(1), "postgres", "").close());
            // Started again, it asks for the same port first.
            CliRun third = CliRun.run("--dir", dir.toString(), "url");
            assertTrue(third.out().contains(":" + jdbc.group(2) + "/"), third.toString());
        } finally {
            CliRun.run("--dir", dir.toString(), "url", "--stop");
        }
    }

    @Test
    void urlOfAConfiguredDatabaseShowsNoPassword() throws Exception {
        freshProject();
        CliRun r = CliRun.run(CliRun.env("SLUICE_PASSWORD", "Top-S3cret"), "--dir", dir.toString(),
                "--url", "postgres://app:In-Url-S3cret@db.example.com:6543/shop?sslmode=require&connect_timeout=3", "url");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("jdbc:  jdbc:postgresql://db.example.com:6543/shop?sslmode=require&connectTimeout=3"), r.out());
        assertTrue(r.out().contains("psql:  psql 'postgresql://app@db.example.com:6543/shop?sslmode=require&connect_timeout=3'"), r.out());
        assertTrue(!r.toString().contains("S3cret"), r.toString());
    }
}
