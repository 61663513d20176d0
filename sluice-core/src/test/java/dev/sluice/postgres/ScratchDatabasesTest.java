package dev.sluice.postgres;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchDatabasesTest {

    @Test
    void anotherDatabaseOnTheSameServerKeepsTheParameters() {
        assertEquals("jdbc:postgresql://db:5432/sluice_trace_1_0?sslmode=require&user=app",
                ScratchDatabases.withDatabase("jdbc:postgresql://db:5432/dev?sslmode=require&user=app", "sluice_trace_1_0"));
        assertEquals("jdbc:postgresql://db/sluice_trace_1_0", ScratchDatabases.withDatabase("jdbc:postgresql://db", "sluice_trace_1_0"));
        assertEquals("jdbc:postgresql://a:1,b:2/x", ScratchDatabases.withDatabase("jdbc:postgresql://a:1,b:2/", "x"));
    }

    @Test
    void settingsNeverPrintThePassword() {
        ScratchSettings s = new ScratchSettings(Optional.of("jdbc:postgresql://db/dev?password=hunter2"), Optional.empty(), false,
                Optional.of("app"), Optional.of("hunter2"));
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("user=app"), s.toString());
    }
}
