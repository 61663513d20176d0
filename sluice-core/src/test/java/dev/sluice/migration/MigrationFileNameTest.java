package dev.sluice.migration;

import dev.sluice.migration.Version;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationFileNameTest {

    @Test
    void readsVersionedUpAndDown() {
        MigrationFileName up = MigrationFileName.parse("V1_2__add_users_table").orElseThrow();
        assertEquals('V', up.kind());
        assertEquals(Version.parse("1.2"), up.version().orElseThrow());
        assertEquals("add users table", up.description());
        assertEquals('U', MigrationFileName.parse("U10__x").orElseThrow().kind());
    }

    @Test
    void readsRepeatable() {
        MigrationFileName r = MigrationFileName.parse("R__refresh_views").orElseThrow();
        assertEquals('R', r.kind());
        assertEquals(Optional.empty(), r.version());
        assertEquals("refresh views", r.description());
    }

    @Test
    void rejectsNamesThatFollowNoForm() {
        assertTrue(MigrationFileName.parse("V1_add_users").isEmpty(), "single underscore");
        assertTrue(MigrationFileName.parse("add_users").isEmpty());
        assertTrue(MigrationFileName.parse("Vx__add").isEmpty());
        assertTrue(MigrationFileName.parse("V1.__add").isEmpty());
    }
}
