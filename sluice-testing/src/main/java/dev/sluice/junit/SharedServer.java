package dev.sluice.junit;

import dev.sluice.Sluice;
import dev.sluice.db.DatabaseUrl;
import dev.sluice.execution.MigrationListener;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineListener;
import dev.sluice.postgres.PostgresBinaries;
import dev.sluice.postgres.ScratchDatabase;
import dev.sluice.postgres.ScratchDatabases;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one PostgreSQL server of a test JVM and the migrated templates on it, one per project. Started on
 * first use and stopped (a throwaway cluster) or cleaned up (the databases made on a
 * {@code SLUICE_TEST_URL} server) when the JVM ends.
 *
 * <p>JVM-wide rather than in JUnit's root store, so that {@link SluiceAssertions}, which is called from
 * any test without an extension, uses the same server. A failure to start the server or to migrate a
 * template is kept and reported to every later test, rather than retried for each one at full cost.
 */
final class SharedServer {

    private static ScratchDatabases server;
    private static RuntimeException startFailure;
    private static final Map<TestProject, Object> TEMPLATES = new HashMap<>();

    private SharedServer() {
    }

    /** The server: {@code SLUICE_TEST_URL}'s, or a throwaway PostgreSQL of the bundled binaries. */
    static synchronized ScratchDatabases server() {
        if (startFailure != null) {
            throw new IllegalStateException(startFailure.getMessage(), startFailure);
        }
        if (server == null) {
            try {
                server = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            ScratchDatabases started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "sluice-testing-cleanup"));
        }
        return server;
    }

    private static ScratchDatabases start() {
        String url = System.getenv("SLUICE_TEST_URL");
        if (url == null || url.isBlank()) {
            return ScratchDatabases.throwaway(PostgresBinaries.bundled(), "");
        }
        String user = Optional.ofNullable(System.getenv("SLUICE_TEST_USER")).orElse("postgres");
        String password = System.getenv("SLUICE_TEST_PASSWORD");
        try {
            return ScratchDatabases.onServer(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("SLUICE_TEST_URL " + DatabaseUrl.mask(url) + ": cannot reach the server as "
                    + user + ": " + e.getMessage() + "; check SLUICE_TEST_URL, SLUICE_TEST_USER and SLUICE_TEST_PASSWORD "
                    + "(the user needs CREATEDB), or unset SLUICE_TEST_URL for a throwaway PostgreSQL", e);
        }
    }

    /** A fresh copy of {@code project}'s migrated template. */
    static ScratchDatabase freshDatabase(TestProject project) {
        ScratchDatabase template = template(project);
        try {
            return server().copyOf(template, "test");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the migrated template " + template.name() + " on "
                    + server().describe() + ": " + e.getMessage(), e);
        }
    }

    /** An empty database, for a rehearsal. */
    static ScratchDatabase emptyDatabase(String purpose) {
        try {
            return server().newDatabase(purpose);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on " + server().describe() + ": " + e.getMessage(), e);
        }
    }

    /** Drops {@code database} now; best effort, since whatever is left is dropped when the JVM ends. */
    static void drop(ScratchDatabase database) {
        try {
            server().drop(database);
        } catch (SQLException | RuntimeException ignored) {
            // Left for the end of the JVM: the throwaway cluster is deleted whole, a server's databases dropped by name.
        }
    }

    /**
     * The template of {@code project}: a database with its migrations applied (online changes completed),
     * made once per JVM. Nobody connects to it after that, since PostgreSQL copies no database that has a
     * session.
     */
    private static ScratchDatabase template(TestProject project) {
        synchronized (TEMPLATES) {
            Object known = TEMPLATES.get(project);
            if (known instanceof ScratchDatabase template) {
                return template;
            }
            if (known instanceof RuntimeException failure) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            try {
                ScratchDatabase template = emptyDatabase("template");
                try {
                    new Sluice(project.options(template.connections())).migrate(Optional.empty(), true, true,
                            BackfillSettings.defaults(), MigrationListener.NONE, OnlineListener.NONE);
                } catch (SQLException | RuntimeException e) {
                    throw new IllegalStateException("the migrations in " + project.migrations()
                            + " do not apply to an empty database on " + server().describe() + ": " + e.getMessage(), e);
                }
                TEMPLATES.put(project, template);
                return template;
            } catch (RuntimeException e) {
                TEMPLATES.put(project, e);
                throw e;
            }
        }
    }
}
