package dev.sluice.db;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DatabaseUrlTest {

    @Test
    void masksPasswordParameters() {
        assertEquals("jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true",
                DatabaseUrl.mask("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"));
        assertEquals("jdbc:postgresql://db/app?PASSWORD=****",
                DatabaseUrl.mask("jdbc:postgresql://db/app?PASSWORD=hunter2"));
    }

    @Test
    void masksUserInfo() {
        assertEquals("postgresql://app:****@db/app", DatabaseUrl.mask("postgresql://app:s3cret@db/app"));
    }

    @Test
    void scrubsAPasswordEchoedInADriverMessage() {
        SQLException e = new SQLException("connection failed for password=s3cret and s3cret again", "08001");
        SQLException clean = DatabaseUrl.scrub(e, "s3cret");
        assertFalse(clean.getMessage().contains("s3cret"), clean.getMessage());
        assertEquals("08001", clean.getSQLState());
    }
}
