package dev.sluice.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockModeTest {

    @Test
    void conflictsAreSymmetric() {
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                assertEquals(a.conflictsWith(b), b.conflictsWith(a), a + " and " + b);
            }
        }
    }

    @Test
    void theRowsOfPostgresqlsConflictTable() {
        assertTrue(LockMode.ACCESS_EXCLUSIVE.conflictsWith(LockMode.ACCESS_SHARE), "an ALTER waits for a reader");
        assertFalse(LockMode.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockMode.ROW_EXCLUSIVE), "a concurrent build lets writers in");
        assertTrue(LockMode.SHARE.conflictsWith(LockMode.ROW_EXCLUSIVE), "a plain index build waits for writers");
        assertFalse(LockMode.SHARE.conflictsWith(LockMode.SHARE));
        assertTrue(LockMode.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockMode.SHARE_UPDATE_EXCLUSIVE));
        assertFalse(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.ROW_EXCLUSIVE));
        assertTrue(LockMode.EXCLUSIVE.conflictsWith(LockMode.ROW_SHARE));
        assertFalse(LockMode.EXCLUSIVE.conflictsWith(LockMode.ACCESS_SHARE));
        assertTrue(LockMode.SHARE_ROW_EXCLUSIVE.conflictsWith(LockMode.SHARE_ROW_EXCLUSIVE));
    }
}
