package dev.sluice.junit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The default isolation: every test method gets a fresh copy of the migrated template. */
@SluiceTest(migrations = "src/test/resources/sample/migrations")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerMethodIsolationIT {

    private static final List<String> DATABASES = new ArrayList<>();

    @RepeatedTest(3)
    @Order(1)
    void aWriteOfOneTestIsNotSeenByTheNext(DataSource db) throws Exception {
        assertEquals(0, Rows.orders(db), "the migrated schema, and no row of an earlier test");
        Rows.addOrder(db, "ada");
        assertEquals(1, Rows.orders(db));
        DATABASES.add(Rows.query(db, "select current_database()"));
    }

    @Test
    @Order(2)
    void eachTestHadADatabaseOfItsOwnAndItIsDroppedAfterIt(DataSource db) throws Exception {
        assertEquals(3, DATABASES.stream().distinct().count(), DATABASES.toString());
        for (String earlier : DATABASES) {
            assertFalse(Boolean.parseBoolean(Rows.query(db,
                    "select exists (select 1 from pg_database where datname = '" + earlier + "')")), earlier + " was dropped");
        }
    }
}
