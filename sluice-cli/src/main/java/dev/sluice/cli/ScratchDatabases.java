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
    private final List<String> created = new ArrayList<>();

    private ScratchDatabases(PostgresCluster cluster, ConnectionFactory admin, String devUrl, String description) {
        this.cluster = cluster;
        this.admin = admin;
        this.devUrl = devUrl;
        this.description = description;
    }

    static ScratchDatabases start(Project project, ScratchServerOptions options) {
        String devUrl = options.devUrl;
        Integer pgVersion = options.pgVersion;
        if (pgVersion != null && devUrl == null) {
            PostgresBinaries binaries;
            try {
                binaries = PostgresBinaries.forMajor(pgVersion);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--pg-version: " + e.getMessage());
            }
            return new ScratchDatabases(PostgresCluster.startThrowaway(binaries), null, null,
                    "a throwaway PostgreSQL " + pgVersion);
        }
        if (devUrl != null) {
            ConnectionFactory admin = project.connectionsTo(devUrl);
            return new ScratchDatabases(null, admin, devUrl, admin.describe());
        }
        PostgresCluster cluster = PostgresCluster.startThrowaway();
        return new ScratchDatabases(cluster, null, null, "a throwaway PostgreSQL");
    }

    String describe() {
        return description;
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
