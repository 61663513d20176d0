package dev.sluice.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong command line must not echo a password back, however it was mistyped. */
class SecretsTest {

    static final String SECRET = "Sup3rSecret-41";

    private static void noSecretIn(CliRun r) {
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), r.toString());
    }

    @Test
    void mistypedPasswordOptionWithEquals() {
        CliRun r = CliRun.run("--pasword=" + SECRET, "status");
        noSecretIn(r);
        assertTrue(r.err().contains("Unknown option: '--pasword=****'"), r.err());
    }

    @Test
    void mistypedPasswordOptionWithItsValueAsTheNextWord() {
        noSecretIn(CliRun.run("--passwd", SECRET, "status"));
    }

    @Test
    void passwordInAUrlNextToAWrongCommand() {
        noSecretIn(CliRun.run("--url", "jdbc:postgresql://db/app?user=a&password=" + SECRET, "bogus"));
    }

    @Test
    void maskKeepsEverythingElse() {
        assertEquals("password=**** in jdbc:postgresql://db/app?password=****&ssl=true",
                Secrets.mask("password=" + SECRET + " in jdbc:postgresql://db/app?password=" + SECRET + "&ssl=true"));
        assertEquals("no secrets here: --lock-timeout=2s", Secrets.mask("no secrets here: --lock-timeout=2s"));
    }
}
