package dev.sluice.junit;

import dev.sluice.Sluice;
import dev.sluice.postgres.ScratchDatabase;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One test's (or one test class's) database: a copy of the project's migrated template, dropped when the
 * test or class is done.
 */
final class TestDatabase implements AutoCloseable {

    private final TestProject project;
    private final ScratchDatabase database;
    private final AtomicBoolean dropped = new AtomicBoolean();

    private TestDatabase(TestProject project, ScratchDatabase database) {
        this.project = project;
        this.database = database;
    }

    static TestDatabase create(TestProject project) {
        return new TestDatabase(project, SharedServer.freshDatabase(project));
    }

    String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** pgjdbc's own non-pooling DataSource: each {@code getConnection} opens a new session, closed by the caller. */
    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        database.password().ifPresent(dataSource::setPassword);
        return dataSource;
    }

    /** The facade bound to this database and the project's migrations and settings. */
    Sluice sluice() {
        return new Sluice(project.options(database.connections()));
    }

    /** Drops the database, ending the sessions a test left open; once. */
    @Override
    public void close() {
        if (dropped.compareAndSet(false, true)) {
            SharedServer.drop(database);
        }
    }

    @Override
    public String toString() {
        return database.toString();
    }
}
