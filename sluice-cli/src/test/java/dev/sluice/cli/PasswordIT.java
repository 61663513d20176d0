package dev.sluice.cli;

import dev.sluice.postgres.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password authentication for real: a cluster whose pg_hba.conf asks role {@code app} for a SCRAM
 * password. A wrong password is refused with exit code 4, and no password, right or wrong, is printed.
 */
class PasswordIT {

    static final String RIGHT = "Corr3ct-Horse";
    static final String WRONG = "Wr0ng-Battery";
    static PostgresCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = PostgresCluster.startThrowaway();
        Path hba = cluster.dataDir().resolve("pg_hba.conf");
        Files.writeString(hba, "host all app 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
        try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create role app login password '" + RIGHT + "'");
            s.execute("select pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private CliRun status(String password) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        return CliRun.run(CliRun.env("SLUICE_PASSWORD", password), "--dir", dir.toString(),
                "--url", cluster.jdbcUrl("postgres"), "--user", "app", "status");
    }

    @Test
    void wrongPasswordIsRefusedWithoutPrintingIt() throws Exception {
        CliRun r = status(WRONG);
        assertEquals(ExitCodes.DATABASE_UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("check the user and password"), r.err());
        assertFalse(r.out().contains(WRONG) || r.err().contains(WRONG), r.toString());
    }

    @Test
    void rightPasswordConnectsWithoutPrintingIt() throws Exception {
        CliRun r = status(RIGHT);
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.out().contains(RIGHT) || r.err().contains(RIGHT), r.toString());
    }

    @Test
    void passwordInTheUrlIsMaskedInOutput() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        CliRun r = CliRun.run(CliRun.env(), "--dir", dir.toString(),
                "--url", cluster.jdbcUrl("postgres") + "?user=app&password=" + RIGHT, "status");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("password=****"), r.out());
        assertFalse(r.out().contains(RIGHT) || r.err().contains(RIGHT), r.toString());
    }
}
