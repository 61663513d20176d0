package dev.sluice.junit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One database for the class: set up once in {@code @BeforeAll}, the tests see each other's writes, and no
 * other class's writes (they start from the rows this class's {@code @BeforeAll} wrote, and no more).
 */
@SluiceTest(migrations = "src/test/resources/sample/migrations", isolation = Isolation.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassIsolationIT {

    private static String database;

    @BeforeAll
    static void setUpOnce(DataSource db) throws Exception {
        assertEquals(0, Rows.orders(db), "a fresh copy of the template, whatever other classes wrote");
        Rows.addOrder(db, "grace");
        database = Rows.query(db, "select current_database()");
    }

    @Test
    @Order(1)
    void theFirstTestSeesWhatBeforeAllWroteAndWritesMore(DataSource db) throws Exception {
        assertEquals(database, Rows.query(db, "select current_database()"));
        assertEquals(1, Rows.orders(db));
        Rows.addOrder(db, "linus");
    }

    @Test
    @Order(2)
    void theSecondTestSeesTheFirstOnesWrite(DataSource db) throws Exception {
        assertEquals(database, Rows.query(db, "select current_database()"));
        assertEquals(2, Rows.orders(db));
    }
}
