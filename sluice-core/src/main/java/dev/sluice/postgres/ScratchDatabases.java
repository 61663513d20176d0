package dev.sluice.postgres;

import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.db.Identifiers;
import dev.sluice.db.JdbcConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where scratch databases come from, for drift, rehearse, trace, verify and backup verify:
 * a throwaway PostgreSQL started for the work, or a development server on which fresh databases are
 * created and dropped again at the end (the user needs CREATEDB there).
 *
 * <p>Hazards: a throwaway cluster is a running server with a data folder; open this in
 * try-with-resources so that it is stopped and deleted on every path. Dropping the databases made on a
 * development server is best effort (the server may be gone); a leftover one is named
 * {@code sluice_<purpose>_<pid>_<n>}, so whoever finds it sees what left it and may drop it by hand.
 */
public final class ScratchDatabases implements AutoCloseable {

    /** The target's PostgreSQL major, asked only when a throwaway server is to match it. */
    @FunctionalInterface
    public interface TargetMajor {
        int get() throws SQLException;
    }

    private final PostgresCluster cluster;
    private final JdbcConnectionFactory admin;
    private final String devUrl;
    private final String user;
    private final String password;
    private final String description;
    private final int major;
    private final List<String> created = new ArrayList<>();
    /** Numbers the databases' names; guarded by {@code created}. Not its size, since {@link #drop} shrinks that. */
    private int sequence;

    private ScratchDatabases(PostgresCluster cluster, JdbcConnectionFactory admin, String devUrl, String user,
                             String password, String description, int major) {
        this.cluster = cluster;
        this.admin = admin;
        this.devUrl = devUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.major = major;
    }

    /**
     * The scratch server {@code settings} ask for: the development server, or a throwaway PostgreSQL of
     * {@code pgVersion}; by default one of the target's major when {@code settings.matchTarget()}, and the
     * bundled major otherwise. When the target's major cannot be had, the bundled one is used and
     * {@link #describe()} says so.
     *
     * @throws IllegalArgumentException when {@code pgVersion} names a major that cannot be had, or the
     *                                  development URL is not a PostgreSQL JDBC URL
     */
    public static ScratchDatabases start(ScratchSettings settings, TargetMajor target) throws SQLException {
        if (settings.devUrl().isPresent()) {
            return onServer(settings.devUrl().get(), settings.user().orElse(null), settings.password().orElse(null));
        }
        if (settings.pgVersion().isPresent()) {
            PostgresBinaries binaries;
            try {
                binaries = PostgresBinaries.forMajor(settings.pgVersion().get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--pg-version: " + e.getMessage(), e);
            }
            return throwaway(binaries, "");
        }
        if (settings.matchTarget()) {
            int targetMajor = target.get();
            try {
                return throwaway(PostgresBinaries.forMajor(targetMajor), " (the target's major)");
            } catch (IllegalArgumentException e) {
                return throwaway(PostgresBinaries.bundled(), ", not the target's " + targetMajor + ": " + e.getMessage());
            }
        }
        return throwaway(PostgresBinaries.bundled(), "");
    }

    /** A throwaway PostgreSQL from {@code binaries}; {@code why} follows its major in {@link #describe()}. */
    public static ScratchDatabases throwaway(PostgresBinaries binaries, String why) {
        int major = binaries.majorVersion();
        return new ScratchDatabases(PostgresCluster.startThrowaway(binaries), null, null, null, null,
                "a throwaway PostgreSQL " + major + why, major);
    }

    /** Fresh databases on the server of {@code url}, whose {@code user} may create databases. */
    public static ScratchDatabases onServer(String url, String user, String password) throws SQLException {
        JdbcConnectionFactory admin = new JdbcConnectionFactory(url, user, password);
        int major = serverMajor(admin);
        return new ScratchDatabases(null, admin, url, user, password, admin.describe() + " (PostgreSQL " + major + ")", major);
    }

    private static int serverMajor(ConnectionFactory factory) throws SQLException {
        try (Connection c = Connections.open(factory)) {
            return Connections.serverMajor(c);
        }
    }

    /** Where the scratch databases live and, for a throwaway server, why that major. */
    public String describe() {
        return description;
    }

    /** The scratch server's PostgreSQL major. */
    public int major() {
        return major;
    }

    /** Whether the databases live in a throwaway cluster (not on a development server). */
    public boolean throwaway() {
        return cluster != null;
    }

    /** A new empty database named after {@code purpose} (a lower-case word); dropped when this closes. */
    public ScratchDatabase newDatabase(String purpose) throws SQLException {
        String name = nextName(purpose);
        if (cluster != null) {
            cluster.createDatabase(name);
            return database(name);
        }
        adminExecute("create database " + Identifiers.quote(name));
        return database(name);
    }

    /**
     * A new database copied from {@code template} ({@code CREATE DATABASE ... TEMPLATE}), named after
     * {@code purpose}; dropped when this closes. Copying a migrated database takes milliseconds where
     * migrating a fresh one takes as long as its migrations, which is what per-test databases need. On a
     * throwaway PostgreSQL 15 or later the copy is a file copy (its checkpoint is cheap there); on a
     * development server the server's default strategy is kept, so no test forces checkpoints on it.
     *
     * <p>Hazard: PostgreSQL refuses the copy while any session is connected to {@code template}
     * (SQLSTATE 55006), so close every connection to it first, and keep it for copying only.
     */
    public ScratchDatabase copyOf(ScratchDatabase template, String purpose) throws SQLException {
        String name = nextName(purpose);
        adminExecute("create database " + Identifiers.quote(name) + " template " + Identifiers.quote(template.name())
                + (cluster != null && major >= 15 ? " strategy file_copy" : ""));
        return database(name);
    }

    /**
     * Drops {@code database} now, ending its sessions ({@code WITH (FORCE)}), for a caller that makes many
     * databases and keeps few (a database per test); the others are dropped when this closes.
     */
    public void drop(ScratchDatabase database) throws SQLException {
        adminExecute("drop database if exists " + Identifiers.quote(database.name()) + " with (force)");
        synchronized (created) {
            created.remove(database.name());
        }
    }

    private String nextName(String purpose) {
        synchronized (created) {
            String name = "sluice_" + purpose + "_" + ProcessHandle.current().pid() + "_" + sequence++;
            created.add(name);
            return name;
        }
    }

    private ScratchDatabase database(String name) {
        if (cluster != null) {
            String url = cluster.jdbcUrl(name);
            return new ScratchDatabase(name, url, cluster.user(), Optional.empty(),
                    new JdbcConnectionFactory(url, cluster.user(), null));
        }
        String url = withDatabase(devUrl, name);
        return new ScratchDatabase(name, url, user, Optional.ofNullable(password), new JdbcConnectionFactory(url, user, password));
    }

    private void adminExecute(String sql) throws SQLException {
        try (Connection c = cluster != null ? cluster.connect("postgres") : Connections.open(admin);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The same server URL naming another database; parameters are kept. */
    public static String withDatabase(String url, String database) {
        int hostStart = "jdbc:postgresql://".length();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String suffix = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', hostStart);
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + database + suffix;
    }

    /** Stops and deletes a throwaway cluster, or drops the databases made on the development server. */
    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
            return;
        }
        List<String> names;
        synchronized (created) {
            names = List.copyOf(created);
        }
        for (String name : names) {
            try (Connection c = Connections.open(admin); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + Identifiers.quote(name) + " with (force)");
            } catch (SQLException | RuntimeException ignored) {
                // Best effort: a leftover scratch database is named after its purpose and can be dropped by hand.
            }
        }
    }
}
