package dev.sluice.cli;

import dev.sluice.testing.TestDatabase;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs SQL files with psql, one after the other and stopping at the first error, as a person would by hand. */
final class Psql {

    private Psql() {
    }

    static void apply(TestDatabase db, List<Path> files) throws Exception {
        String url = db.jdbcUrl().replaceFirst("^jdbc:", "");
        for (Path f : files) {
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", db.user(), "-d", url,
                    "-f", f.toString()).redirectErrorStream(true);
            if (!db.password().isEmpty()) {
                pb.environment().put("PGPASSWORD", db.password());
            }
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), f + ": " + output);
        }
    }
}
