package dev.sluice.cli;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.postgres.PostgresCluster;

import java.nio.file.Path;

/**
 * The embedded default: a PostgreSQL whose data lives in the project's {@code .sluice/} folder, started
 * for one command and stopped when it ends. The data stays, so the next command sees what the last one
 * did.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "postgres";

    private final PostgresCluster cluster;

    private EmbeddedDatabase(PostgresCluster cluster) {
        this.cluster = cluster;
    }

    static EmbeddedDatabase start(Path sluiceDir) {
        try {
            return new EmbeddedDatabase(PostgresCluster.startPersistent(sluiceDir.resolve("pgdata")));
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.DATABASE_UNAVAILABLE, "the embedded database in " + sluiceDir
                    + " did not start: " + e.getMessage());
        }
    }

    ConnectionFactory connections() {
        JdbcConnectionFactory jdbc = new JdbcConnectionFactory(cluster.jdbcUrl(DATABASE), cluster.user(), null);
        return new ConnectionFactory() {
            @Override
            public java.sql.Connection open() throws java.sql.SQLException {
                return jdbc.open();
            }

            @Override
            public String describe() {
                return "embedded PostgreSQL (" + jdbc.describe() + ")";
            }
        };
    }

    String jdbcUrl() {
        return cluster.jdbcUrl(DATABASE);
    }

    String user() {
        return cluster.user();
    }

    /** Leaves the server running after this command, for psql and the next commands ({@code sluice url}). */
    void keepRunning() {
        cluster.keepRunning();
    }

    int port() {
        return cluster.port();
    }

    /** Stops the embedded server of the project whose data is in {@code sluiceDir}; false when none ran. */
    static boolean stop(Path sluiceDir) {
        return PostgresCluster.stopRunning(sluiceDir.resolve("pgdata"));
    }

    @Override
    public void close() {
        cluster.close();
    }
}
