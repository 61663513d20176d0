package dev.sluice.junit;

import dev.sluice.postgres.ScratchDatabase;

/**
 * Databases on the JVM's test server for tests in which the application migrates itself, such as a Spring
 * Boot test of an application that runs Sluice at start-up: the test hands the database's URL to the
 * application (a {@code @DynamicPropertySource} method), and the application applies the migrations.
 * The server is the one {@link SluiceTest} uses: a throwaway PostgreSQL, or {@code SLUICE_TEST_URL}'s.
 */
public final class SluiceDatabases {

    private SluiceDatabases() {
    }

    /**
     * A new, empty database named {@code sluice_<purpose>_<pid>_<n>}, dropped when the JVM ends; with its
     * URL, user and (on a {@code SLUICE_TEST_URL} server) password.
     *
     * @param purpose a short lowercase word that names what the database is for
     */
    public static ScratchDatabase empty(String purpose) {
        return SharedServer.emptyDatabase(purpose);
    }

    /** Drops {@code database} now, ending its sessions; best effort, as the JVM's end drops what is left. */
    public static void drop(ScratchDatabase database) {
        SharedServer.drop(database);
    }
}
