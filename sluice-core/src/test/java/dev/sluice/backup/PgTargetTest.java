package dev.sluice.backup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgTargetTest {

    @Test
    void hostPortDatabaseAndLoginFromAJdbcUrl() {
        PgTarget t = PgTarget.fromJdbcUrl("jdbc:postgresql://db.example.com:6432/app?sslmode=require&user=u1&password=s3cr3t", null, null);
        assertEquals("db.example.com", t.host());
        assertEquals(6432, t.port());
        assertEquals("app", t.database());
        assertEquals("u1", t.user());
        assertEquals(Optional.of("s3cr3t"), t.password());
        assertEquals(Optional.of("require"), t.sslMode());
        assertFalse(t.toString().contains("s3cr3t"));
        assertFalse(String.join(" ", t.connectionArgs()).contains("s3cr3t"), "never on the command line");
    }

    @Test
    void explicitLoginWinsAndDefaultsApply() {
        PgTarget t = PgTarget.fromJdbcUrl("jdbc:postgresql://h1,h2:5433/app?user=u1", "admin", "pw");
        assertEquals("h1", t.host());
        assertEquals(5432, t.port());
        assertEquals("admin", t.user());
        PgTarget local = PgTarget.fromJdbcUrl("jdbc:postgresql:shop", "u", null);
        assertEquals(List.of("localhost", "5432", "shop"), List.of(local.host(), Integer.toString(local.port()), local.database()));
        PgTarget v6 = PgTarget.fromJdbcUrl("jdbc:postgresql://[::1]:5555/x", "u", null);
        assertEquals("::1", v6.host());
        assertEquals(5555, v6.port());
    }

    @Test
    void pgpassLineEscapesColonsAndBackslashes() {
        PgTarget t = PgTarget.fromJdbcUrl("jdbc:postgresql://h:1/d", "u", "a:b\\c");
        assertEquals("h:1:*:u:a\\:b\\\\c\n", t.pgpassLine());
    }

    @Test
    void notAPostgresUrl() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PgTarget.fromJdbcUrl("jdbc:mysql://x/y", null, null)).getMessage().contains("not a PostgreSQL"));
    }
}
