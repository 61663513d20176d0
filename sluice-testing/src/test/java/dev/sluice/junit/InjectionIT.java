package dev.sluice.junit;

import dev.sluice.Sluice;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.migration.Version;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each type a test may ask for, and that all of one test's parameters name the same migrated database. */
@SluiceTest(migrations = "src/test/resources/sample/migrations")
class InjectionIT {

    @Test
    void aDataSourceOpensSessionsOnTheMigratedDatabase(DataSource db) throws Exception {
        assertEquals("orders_customer_idx", Rows.query(db, "select indexname from pg_indexes where tablename = 'orders' "
                + "and indexname <> 'orders_pkey'"));
        try (Connection first = db.getConnection(); Connection second = db.getConnection()) {
            assertTrue(first != second && !first.isClosed() && !second.isClosed(), "one session per getConnection");
        }
    }

    @Test
    void aJdbcUrlNamesTheSameDatabase(@SluiceDatabaseUrl String url, DataSource db) throws Exception {
        assertTrue(url.startsWith("jdbc:postgresql://"), url);
        String database = Rows.query(db, "select current_database()");
        assertTrue(url.contains("/" + database), url + " names " + database);
        try (Connection c = db.getConnection()) {
            String user = c.getMetaData().getUserName();
            java.util.Properties login = new java.util.Properties();
            login.setProperty("user", user);
            try (Connection byUrl = DriverManager.getConnection(url, login);
                 ResultSet rs = byUrl.createStatement().executeQuery("select count(*) from orders")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }

    @Test
    void theFacadeIsBoundToTheTestDatabaseAndTheProjectsMigrations(Sluice sluice, DataSource db) throws Exception {
        ProjectStatus status = sluice.status();
        assertEquals(Optional.of(Version.parse("2")), status.current());
        sluice.rollback(1, Optional.empty(), dev.sluice.execution.MigrationListener.NONE);
        assertEquals("0", Rows.query(db, "select count(*) from pg_indexes where indexname = 'orders_customer_idx'"),
                "the facade's rollback ran on the database the DataSource reaches");
    }
}
