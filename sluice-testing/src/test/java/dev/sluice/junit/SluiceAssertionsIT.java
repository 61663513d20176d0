package dev.sluice.junit;

import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.Verdict;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rehearsal assertion, needing no {@code @SluiceTest}: passes on good downs, fails naming a bad one. */
class SluiceAssertionsIT {

    @Test
    void migrationsWhoseDownsRestoreTheSchemaRehearse() {
        RehearsalReport report = SluiceAssertions.assertMigrationsRehearse("src/test/resources/sample/migrations");
        assertEquals(2, report.migrations().size());
        assertTrue(report.migrations().stream().allMatch(m -> m.verdict() == Verdict.PASSED), report.toString());
    }

    @Test
    void aDownThatForgetsAnIndexFailsWithTheRehearsalsProblem() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SluiceAssertions.assertMigrationsRehearse("src/test/resources/forgets-index"));
        String message = e.getMessage();
        assertTrue(message.contains("forgets-index do not rehearse:"), message);
        assertTrue(message.contains("V2__index_orders_by_customer.sql"), message);
        assertTrue(message.contains("orders_customer_idx"), message);
        assertTrue(!message.contains("V1__create_orders.sql"), "only the failing migration is named: " + message);
    }
}
