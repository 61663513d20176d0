package dev.sluice.cli;

import dev.sluice.postgres.internal.PostgresCluster;
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
        return CliRun.run(password == null ? CliRun.env() : CliRun.env("SLUICE_PASSWORD", password), "--dir", dir.toString(),
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

    @Test
    void postgresUrlWithThePasswordInItConnectsAndNeverShowsIt() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        String url = "postgres://app:" + RIGHT + "@127.0.0.1:" + cluster.port() + "/postgres?sslmode=disable";
        CliRun r = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--url", url, "status");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/postgres"), r.out());
        assertFalse(r.out().contains(RIGHT) || r.err().contains(RIGHT), r.toString());
    }

    @Test
    void postgresqlUrlTakesThePasswordFromTheEnvironment() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        String url = "postgresql://app@127.0.0.1:" + cluster.port() + "/postgres";
        CliRun r = CliRun.run(CliRun.env("SLUICE_URL", url, "SLUICE_PASSWORD", RIGHT), "--dir", dir.toString(), "status");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void noPasswordGivenSaysSoInsteadOfBlamingTheServer() throws Exception {
        CliRun r = status(null);
        assertEquals(ExitCodes.DATABASE_UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no password was given"), r.err());
        assertFalse(r.err().contains("check that the server runs"), r.err());
    }

    @Test
    void passwordFlagWithNothingOnStdinSaysNoPasswordWasGiven() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        CliRun r = withStdin("", () -> CliRun.run(CliRun.env(), "--dir", dir.toString(),
                "--url", cluster.jdbcUrl("postgres"), "--user", "app", "--password", "status"));
        assertEquals(ExitCodes.DATABASE_UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no password was given"), r.err());
    }

    @Test
    void thePasswordPromptIsShort() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(console, true));
        CliRun r;
        try {
            r = withStdin(RIGHT + "\n", () -> CliRun.run(CliRun.env(), "--dir", dir.toString(),
                    "--url", cluster.jdbcUrl("postgres"), "--user", "app", "--password", "status"));
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Password: ", console.toString(), "the prompt");
    }

    private static CliRun withStdin(String text, java.util.function.Supplier<CliRun> run) {
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(stdin);
        }
    }
}
