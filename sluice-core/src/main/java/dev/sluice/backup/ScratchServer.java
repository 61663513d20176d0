package dev.sluice.backup;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Identifiers;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.postgres.PostgresCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
            PostgresCluster cluster = PostgresCluster.startThrowaway(chosen);
            cluster.createDatabase("scratch");
            String url = cluster.jdbcUrl("scratch");
            return new Scratch(PgTarget.fromJdbcUrl(url, cluster.user(), null),
                    new JdbcConnectionFactory(url, cluster.user(), null),
                    "a throwaway PostgreSQL " + chosenMajor + " cluster (" + chosen.home() + ")", cluster);
        };
    }

    /** A new database on the server of {@code adminUrl} (which must allow CREATE DATABASE), dropped afterwards. */
    static ScratchServer database(String adminUrl, String user, String password) {
        return sourceMajor -> {
            JdbcConnectionFactory admin = new JdbcConnectionFactory(adminUrl, user, password);
            String name = "sluice_verify_" + System.currentTimeMillis();
            exec(admin, "create database " + Identifiers.quote(name));
            PgTarget base = PgTarget.fromJdbcUrl(adminUrl, user, password);
            String url = "jdbc:postgresql://" + base.host() + ":" + base.port() + "/" + name
                    + base.sslMode().map(m -> "?sslmode=" + m).orElse("");
            return new Scratch(PgTarget.fromJdbcUrl(url, base.user(), base.password().orElse(null)),
                    new JdbcConnectionFactory(url, base.user(), base.password().orElse(null)),
                    "database " + name + " on " + base.host() + ":" + base.port(),
                    () -> exec(admin, "drop database if exists " + Identifiers.quote(name) + " with (force)"));
        };
    }

    private static void exec(ConnectionFactory f, String sql) {
        try (Connection c = f.open(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new BackupException(sql + " failed on the scratch server: " + e.getMessage(), e);
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
