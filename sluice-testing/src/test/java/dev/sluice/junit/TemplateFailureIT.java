package dev.sluice.junit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Migrations that do not apply fail every test that asks for a database, with the file and line, migrated once. */
class TemplateFailureIT {

    @Test
    void aMigrationThatFailsIsReportedWithItsFileAndLineToEveryTest() {
        TestProject broken = TestProject.of("src/test/resources/broken", "sluice.conf");
        IllegalStateException first = assertThrows(IllegalStateException.class, () -> TestDatabase.create(broken));
        assertTrue(first.getMessage().startsWith("the migrations in " + broken.migrations() + " do not apply"), first.getMessage());
        assertTrue(first.getMessage().contains("V1__create_orders_and_customers.sql:2"), first.getMessage());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> TestDatabase.create(broken));
        assertEquals(first.getMessage(), again.getMessage());
        assertTrue(again.getCause() == first, "the kept failure, not a second run of the migrations");
    }
}
