package dev.sluice.junit;

import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.postgres.ScratchDatabase;
import dev.sluice.postgres.ScratchDatabases;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code SLUICE_TEST_URL} names a real server: this test starts one (a throwaway PostgreSQL of the bundled
 * binaries, on a port of its own), and a second JVM with the variable set uses the extension's server code
 * against it: its template, its rehearsal database and an empty database are made there, and every one of
 * them is dropped when that JVM ends. The variable is read once per JVM, hence the second JVM.
 */
class SluiceTestUrlIT {

    @Test
    void theNamedServerHoldsTheTestDatabasesAndKeepsNoneOfThem() throws Exception {
        try (ScratchDatabases server = ScratchDatabases.throwaway(PostgresBinaries.bundled(), "")) {
            ScratchDatabase admin = server.newDatabase("admin");
            String serverUrl = ScratchDatabases.withDatabase(admin.jdbcUrl(), "postgres");

            ProcessBuilder child = new ProcessBuilder(List.of(
                    new File(System.getProperty("java.home"), "bin/java").getPath(),
                    "-cp", System.getProperty("java.class.path"),
                    TestUrlChild.class.getName()));
            child.environment().put("SLUICE_TEST_URL", serverUrl);
            child.environment().put("SLUICE_TEST_USER", admin.user());
            child.redirectErrorStream(true);
            Process process = child.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);

            assertEquals(0, process.exitValue(), output);
            String port = serverUrl.replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1");
            assertTrue(output.contains("empty database: jdbc:postgresql://") && output.contains(":" + port + "/sluice_child_"),
                    "the empty database is on the named server: " + output);
            assertTrue(output.contains("rehearsed: 2 migrations"), output);
            int during = Integer.parseInt(output.replaceAll("(?s).*sluice databases on the server: (\\d+).*", "$1"));
            assertTrue(during >= 2, "the child's databases (and this test's admin one) were on the server: " + output);

            try (Connection c = admin.connections().open(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select string_agg(datname, ', ') from pg_database where datname like 'sluice\\_%'"
                         + " and datname <> '" + admin.name() + "'")) {
                rs.next();
                assertEquals(null, rs.getString(1), "the child dropped every database it made when it ended");
            }
        }
    }
}
