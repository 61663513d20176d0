package dev.sluice.execution.internal;

import dev.sluice.db.Blocker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightTest {

    private static Blocker session(int pid, int ageSeconds) {
        return new Blocker(pid, "app", "idle in transaction", Duration.ofSeconds(ageSeconds),
                "select * from accounts where id = $1 for update", "RowShareLock on accounts", pid);
    }

    /** Under load every session used to go into one line of some kilobytes; now a count and the oldest few. */
    @Test
    void manySessionsGiveACountAndTheOldestFewOnShortLines() {
        List<Blocker> holders = new ArrayList<>();
        for (int pid = 1000; pid < 1040; pid++) {
            holders.add(session(pid, pid == 1017 ? 600 : pid == 1003 ? 300 : pid == 1031 ? 200 : 5));
        }
        List<String> tables = List.of("accounts", "orders", "items", "payments", "refunds", "ledger", "audit");
        String note = Preflight.note(tables, holders);
        List<String> lines = note.lines().toList();
        assertEquals(1 + Preflight.SHOWN_HOLDERS, lines.size(), note);
        assertTrue(lines.get(0).startsWith("40 sessions hold locks on accounts, orders, items, payments, refunds and 2 more tables; "
                + "the oldest 3 (pg_locks lists the other 37):"), note);
        assertTrue(lines.get(1).contains("pid 1017") && lines.get(2).contains("pid 1003") && lines.get(3).contains("pid 1031"), note);
        assertFalse(note.contains("pid 1004"), note);
        for (String line : lines) {
            assertTrue(line.length() <= 200, "short lines: " + line.length() + " " + line);
        }
    }

    @Test
    void oneSessionIsNamedOnItsOwn() {
        String note = Preflight.note(List.of("accounts"), List.of(session(7, 12)));
        assertTrue(note.startsWith("1 session holds locks on accounts:\n      pid 7 (app)"), note);
    }
}
