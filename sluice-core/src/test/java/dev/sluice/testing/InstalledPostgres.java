package dev.sluice.testing;

import dev.sluice.postgres.PostgresBinaries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL installed on the test machine (Debian's {@code postgresql-15} in CI), found through
 * {@code pg_config --bindir} or {@code /usr/lib/postgresql/15}. Tests of pg_dump and pg_restore run on a
 * cluster of these binaries, since a pg_dump cannot dump a server of a newer major than its own.
 */
public final class InstalledPostgres {

    private InstalledPostgres() {
    }

    /** The installation's home (the folder above {@code bin/}), when one with a server is present. */
    public static Optional<Path> home() {
        Optional<Path> fromPgConfig = pgConfigBindir().map(Path::getParent);
        for (Path candidate : new Path[]{fromPgConfig.orElse(null), Path.of("/usr/lib/postgresql/15")}) {
            if (candidate != null && Files.isExecutable(candidate.resolve("bin/postgres"))
                    && Files.isExecutable(candidate.resolve("bin/pg_dump"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The installed binaries. Where there are none, the calling test is skipped on a developer's machine
     * (the README's test command needs nothing but Java), but fails in CI ({@code CI=true}), where
     * {@code .ci/run} installs them and a silent skip would hide a broken install step.
     */
    public static PostgresBinaries binaries() {
        Optional<Path> home = home();
        if (home.isEmpty()) {
            String why = "no installed PostgreSQL server with pg_dump: install postgresql-15 and postgresql-client-15 "
                    + "(.ci/run does so when it runs as root)";
            skipOrFailInCi(why);
        }
        return PostgresBinaries.at(home.get());
    }

    /**
     * Skips the calling test on a developer's machine; fails it in CI ({@code CI=true}), where the build
     * provides what is missing and a silent skip would hide a broken step.
     */
    public static void skipOrFailInCi(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why);
        }
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    public static Path bin(String program) {
        return binaries().bin(program);
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                return Optional.of(Path.of(out));
            }
        } catch (Exception e) {
            // pg_config is missing: fall back to the Debian path.
        }
        return Optional.empty();
    }
}
