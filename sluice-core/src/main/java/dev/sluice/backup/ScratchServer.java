package dev.sluice.backup;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.postgres.ScratchDatabase;
import dev.sluice.postgres.ScratchDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where a backup is restored to be checked: a throwaway cluster of the source's major (an installed
 * PostgreSQL, or the bundled one), or a fresh database on a server the user names.
 */
public interface ScratchServer {

    /** A new empty database able to take a dump of a server of {@code sourceMajor}. */
    Scratch create(int sourceMajor);

    /** An empty database to restore into, and what to close when done with it. */
    record Scratch(PgTarget target, ConnectionFactory connections, String description, AutoCloseable cleanup)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                cleanup.close();
            } catch (Exception e) {
                // Best effort: a scratch server or database left behind holds no one's data.
            }
        }
    }

    /**
     * A throwaway cluster from the installed binaries of the source's major ({@code /usr/lib/postgresql/<major>},
     * {@code pg_config --bindir}), or the bundled ones when they match, else the nearest newer major that
     * {@code tools}' pg_dump can still read for the fingerprint.
     */
    static ScratchServer throwawayCluster(PgTools tools) {
        return sourceMajor -> {
            int dumpMajor = tools.dumpMajor();
            PostgresBinaries chosen = null;
            int chosenMajor = Integer.MAX_VALUE;
            for (PostgresBinaries b : candidates(sourceMajor, tools)) {
                int major = serverMajor(b);
                if (major == sourceMajor) {
                    chosen = b;
                    chosenMajor = major;
                    break;
                }
                if (major > sourceMajor && major <= dumpMajor && major < chosenMajor) {
                    chosen = b;
                    chosenMajor = major;
                }
            }
            if (chosen == null) {
                throw new BackupException("no PostgreSQL " + sourceMajor + " server binaries to restore into for the check: "
                        + "install postgresql-" + sourceMajor + " (its server package), or give --scratch-url of an "
                        + "empty PostgreSQL " + sourceMajor + " server");
            }
            ScratchDatabases cluster = ScratchDatabases.throwaway(chosen, "");
            return scratch(cluster, "a throwaway PostgreSQL " + chosenMajor + " cluster (" + chosen.home() + ")", null);
        };
    }

    /** A new database on the server of {@code adminUrl} (which must allow CREATE DATABASE), dropped afterwards. */
    static ScratchServer database(String adminUrl, String user, String password) {
        return sourceMajor -> {
            ScratchDatabases server;
            try {
                server = ScratchDatabases.onServer(adminUrl, user, password);
            } catch (SQLException e) {
                throw new BackupException("cannot reach the scratch server for the check: " + e.getMessage(), e);
            }
            PgTarget base = PgTarget.fromJdbcUrl(adminUrl, user, password);
            return scratch(server, null, base);
        };
    }

    /**
     * A database named after its purpose ({@code sluice_verify_...}) on {@code server}, described as the
     * cluster ({@code description}) or as that database on {@code base}'s host; closing it closes the server.
     */
    private static Scratch scratch(ScratchDatabases server, String description, PgTarget base) {
        try {
            ScratchDatabase db = server.newDatabase("verify");
            return new Scratch(PgTarget.fromJdbcUrl(db.jdbcUrl(), db.user(), db.password().orElse(null)), db.connections(),
                    description != null ? description : "database " + db.name() + " on " + base.host() + ":" + base.port(),
                    server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new BackupException("create database failed on the scratch server: " + e.getMessage(), e);
        }
    }

    private static List<PostgresBinaries> candidates(int major, PgTools tools) {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of("/usr/lib/postgresql/" + major));
        Path restoreHome = tools.pgRestore().toAbsolutePath().getParent().getParent();
        if (restoreHome != null) {
            homes.add(restoreHome);
        }
        pgConfigBindir().ifPresent(bin -> homes.add(bin.getParent()));
        for (int m = major + 1; m <= 30; m++) {
            homes.add(Path.of("/usr/lib/postgresql/" + m));
        }
        List<PostgresBinaries> out = new ArrayList<>();
        for (Path home : homes) {
            if (home != null && Files.isExecutable(home.resolve("bin/postgres")) && Files.isExecutable(home.resolve("bin/initdb"))) {
                out.add(PostgresBinaries.at(home));
            }
        }
        try {
            out.add(PostgresBinaries.bundled());
        } catch (RuntimeException e) {
            // No bundled binaries on this platform or classpath: the installed ones are all there is.
        }
        return out;
    }

    private static int serverMajor(PostgresBinaries b) {
        try {
            Process p = new ProcessBuilder(b.bin("postgres").toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(?:\\.\\d+)?").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()
                    ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
