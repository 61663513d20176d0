package dev.sluice.postgres;

import dev.sluice.db.Connections;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one scratch-server service: databases named after their purpose, dropped or stopped on close. */
@ExtendWith(PostgresExtension.class)
class ScratchDatabasesIT {

    private static List<String> scratchDatabases(TestDatabase db) throws SQLException {
        return db.queryForList("select datname from pg_database where datname like 'sluice\\_%\\_" + ProcessHandle.current().pid()
                + "\\_%' order by datname");
    }

    @Test
    void devServerDatabasesAreNamedAfterTheirPurposeAndDroppedOnClose(TestDatabase db) throws Exception {
        ScratchSettings settings = new ScratchSettings(Optional.of(db.jdbcUrl()), Optional.empty(), true,
                Optional.of(db.user()), Optional.ofNullable(db.password()).filter(p -> !p.isEmpty()));
        try (ScratchDatabases server = ScratchDatabases.start(settings, () -> {
            throw new AssertionError("a development server never asks the target's major");
        })) {
            assertTrue(server.describe().endsWith("(PostgreSQL " + server.major() + ")"), server.describe());
            ScratchDatabase rehearse = server.newDatabase("rehearse");
            ScratchDatabase trace = server.newDatabase("trace");
            assertTrue(rehearse.name().startsWith("sluice_rehearse_"), rehearse.name());
            assertTrue(trace.name().startsWith("sluice_trace_"), trace.name());
            try (Connection c = Connections.open(trace.connections())) {
                c.createStatement().execute("create table t (id int)");
            }
            assertEquals(List.of(rehearse.name(), trace.name()), scratchDatabases(db));
        }
        assertEquals(List.of(), scratchDatabases(db));
    }

    @Test
    void aCopyOfATemplateHoldsItsTablesAndRowsAndADroppedCopyIsGoneAtOnce(TestDatabase db) throws Exception {
        ScratchSettings settings = new ScratchSettings(Optional.of(db.jdbcUrl()), Optional.empty(), false,
                Optional.of(db.user()), Optional.ofNullable(db.password()).filter(p -> !p.isEmpty()));
        try (ScratchDatabases server = ScratchDatabases.start(settings, () -> 0)) {
            ScratchDatabase template = server.newDatabase("template");
            try (Connection c = Connections.open(template.connections())) {
                c.createStatement().execute("create table t (id int); insert into t values (7)");
            }
            ScratchDatabase first = server.copyOf(template, "copy");
            ScratchDatabase second = server.copyOf(template, "copy");
            try (Connection c = Connections.open(first.connections())) {
                c.createStatement().execute("insert into t values (8)");
            }
            try (Connection c = Connections.open(second.connections());
                 var rs = c.createStatement().executeQuery("select string_agg(id::text, ',') from t")) {
                rs.next();
                assertEquals("7", rs.getString(1), "a write to one copy leaks into no other");
            }
            server.drop(first);
            assertEquals(List.of(second.name(), template.name()).stream().sorted().toList(), scratchDatabases(db));
            assertTrue(!first.name().equals(server.copyOf(template, "copy").name()), "a dropped copy's name is not reused");
        }
        assertEquals(List.of(), scratchDatabases(db));
    }

    @Test
    void aThrowawayClusterIsStoppedOnCloseEvenWhenTheWorkFails() throws Exception {
        ScratchDatabase[] made = new ScratchDatabase[1];
        assertThrows(IllegalStateException.class, () -> {
            try (ScratchDatabases server = ScratchDatabases.start(ScratchSettings.throwaway(), () -> {
                throw new AssertionError("without matchTarget the target's major is never asked");
            })) {
                assertTrue(server.describe().startsWith("a throwaway PostgreSQL " + server.major()), server.describe());
                made[0] = server.newDatabase("rebuild");
                try (Connection c = Connections.open(made[0].connections())) {
                    c.createStatement().execute("select 1");
                }
                throw new IllegalStateException("the work failed");
            }
        });
        assertTrue(made[0].name().startsWith("sluice_rebuild_"), made[0].name());
        assertThrows(RuntimeException.class, () -> Connections.open(made[0].connections()).close());
    }

    @Test
    void aMajorThatCannotBeHadIsAUsageErrorNamingTheOption() {
        ScratchSettings settings = new ScratchSettings(Optional.empty(), Optional.of(3), false, Optional.empty(), Optional.empty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScratchDatabases.start(settings, () -> 0));
        assertTrue(e.getMessage().startsWith("--pg-version: "), e.getMessage());
    }
}
