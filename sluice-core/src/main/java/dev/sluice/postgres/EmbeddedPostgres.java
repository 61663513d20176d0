package dev.sluice.postgres;

import dev.sluice.postgres.internal.PostgresCluster;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.DatabaseUnavailableException;
import dev.sluice.db.JdbcConnectionFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The embedded default: the bundled PostgreSQL with its data in a project's {@code .sluice/} folder,
 * started for one command or one process and stopped when it closes. The data stays, so the next start
 * sees what the last one did.
 *
 * <p>Hazard: it is a development database. A shell must announce that it uses it, so that it never
 * hides a missing production URL.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The database the embedded server's connections use. */
    public static final String DATABASE = "postgres";

    private final PostgresCluster cluster;

    private EmbeddedPostgres(PostgresCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts the embedded server whose data lives in {@code sluiceDir}/pgdata, creating it on first use.
     *
     * @throws DatabaseUnavailableException naming the folder when it does not start
     */
    public static EmbeddedPostgres start(Path sluiceDir) {
        try {
            return new EmbeddedPostgres(PostgresCluster.startPersistent(sluiceDir.resolve("pgdata")));
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("the embedded database in " + sluiceDir + " did not start: "
                    + e.getMessage(), false, e);
        }
    }

    /** Connections to its database, described as the embedded one. */
    public ConnectionFactory connections() {
        JdbcConnectionFactory jdbc = new JdbcConnectionFactory(jdbcUrl(), user(), null);
        return new ConnectionFactory() {
            @Override
            public Connection open() throws SQLException {
                return jdbc.open();
            }

            @Override
            public String describe() {
                return "embedded PostgreSQL (" + jdbc.describe() + ")";
            }
        };
    }

    public String jdbcUrl() {
        return cluster.jdbcUrl(DATABASE);
    }

    public String user() {
        return cluster.user();
    }

    public int port() {
        return cluster.port();
    }

    /** Leaves the server running after this process ends, for psql and the next commands. */
    public void keepRunning() {
        cluster.keepRunning();
    }

    /** Stops the embedded server of the project whose data is in {@code sluiceDir}; false when none ran. */
    public static boolean stop(Path sluiceDir) {
        return PostgresCluster.stopRunning(sluiceDir.resolve("pgdata"));
    }

    @Override
    public void close() {
        cluster.close();
    }
}
