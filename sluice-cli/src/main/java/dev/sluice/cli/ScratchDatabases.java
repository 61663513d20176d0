package dev.sluice.cli;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.db.Identifiers;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.postgres.PostgresCluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Where rehearsal, tracing and verify make their scratch databases: a throwaway PostgreSQL started for
 * the command, or a development server given with {@code --dev-url}, on which fresh databases are
 * created and dropped again at the end (the user needs CREATEDB there).
 */
final class ScratchDatabases implements AutoCloseable {

    private final PostgresCluster cluster;
    private final ConnectionFactory admin;
    private final String devUrl;
    private final String description;
    private final int major;
    private final List<String> created = new ArrayList<>();

    private ScratchDatabases(PostgresCluster cluster, ConnectionFactory admin, String devUrl, String description, int major) {
        this.cluster = cluster;
        this.admin = admin;
        this.devUrl = devUrl;
        this.description = description;
        this.major = major;
    }

    /**
     * The scratch server the options ask for: {@code --dev-url}, or a throwaway PostgreSQL of
     * {@code --pg-version}; by default one of the configured target's major, so that what is rehearsed
     * or rebuilt is deparsed and locked as the target would, and the bundled major where no target is
     * configured. When the target's major cannot be had, the bundled one is used and
     * {@link #describe()} says so.
     */
    static ScratchDatabases start(Project project, ScratchServerOptions options) throws SQLException {
        String devUrl = options.devUrl;
        Integer pgVersion = options.pgVersion;
        if (pgVersion != null && devUrl == null) {
            PostgresBinaries binaries;
            try {
                binaries = PostgresBinaries.forMajor(pgVersion);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--pg-version: " + e.getMessage());
            }
            return throwaway(binaries, "");
        }
        if (devUrl != null) {
            ConnectionFactory admin = project.connectionsTo(devUrl);
            int major = serverMajor(admin);
            return new ScratchDatabases(null, admin, devUrl, admin.describe() + " (PostgreSQL " + major + ")", major);
        }
        if (project.configuredUrl().isPresent()) {
            int target = project.sluice(project.settings()).serverMajor();
            try {
                return throwaway(PostgresBinaries.forMajor(target), " (the target's major)");
            } catch (IllegalArgumentException e) {
                return throwaway(PostgresBinaries.bundled(), ", not the target's " + target + ": " + e.getMessage());
            }
        }
        return throwaway(PostgresBinaries.bundled(), "");
    }

    private static ScratchDatabases throwaway(PostgresBinaries binaries, String why) {
        int major = binaries.majorVersion();
        return new ScratchDatabases(PostgresCluster.startThrowaway(binaries), null, null,
                "a throwaway PostgreSQL " + major + why, major);
    }

    private static int serverMajor(ConnectionFactory factory) throws SQLException {
        try (Connection c = Connections.open(factory); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Where the scratch databases live and, for a throwaway server, why that major. */
    String describe() {
        return description;
    }

    /** The scratch server's PostgreSQL major. */
    int major() {
        return major;
    }

    /** A new empty database; dropped when the server closes. */
    ConnectionFactory newDatabase(Project project, String purpose) throws SQLException {
        String name = "sluice_" + purpose + "_" + ProcessHandle.current().pid() + "_" + created.size();
        if (cluster != null) {
            cluster.createDatabase(name);
            created.add(name);
            return new JdbcConnectionFactory(cluster.jdbcUrl(name), cluster.user(), null);
        }
        try (Connection c = Connections.open(admin); Statement s = c.createStatement()) {
            s.execute("create database " + Identifiers.quote(name));
        }
        created.add(name);
        return project.connectionsTo(withDatabase(devUrl, name));
    }

    /** The same server URL naming another database; parameters are kept. */
    static String withDatabase(String url, String database) {
        int hostStart = "jdbc:postgresql://".length();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String suffix = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', hostStart);
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + database + suffix;
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
            return;
        }
        for (String name : created) {
            try (Connection c = Connections.open(admin); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + Identifiers.quote(name) + " with (force)");
            } catch (SQLException | RuntimeException ignored) {
                // Best effort: a leftover scratch database is named after its purpose and can be dropped by hand.
            }
        }
    }
}
