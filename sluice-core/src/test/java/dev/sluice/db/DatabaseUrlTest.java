package dev.sluice.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theWholePasswordTheDriverReadsIsMasked() {
        assertEquals("jdbc:postgresql://db/app?user=u&password=****",
                DatabaseUrl.mask("jdbc:postgresql://db/app?user=u&password=Sekr;t-9911"));
    }

    /**
     * Every character class, written raw where the driver allows it and %-encoded as well: the driver
     * reads the password, and none of it (nor its encoded form) survives the mask.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Sekr;t-9911", "a&b-9911", "pc%t-9911", "x=y=z-9911", "hash#tag-9911", "with space-9911",
            "quote'and\"double-9911", "ünïcødé-ß-€-9911", "semi;amp&eq=hash#sp ce'\"%-9911", "/slash?q-9911", "@at:colon-9911"})
    void noPartOfAPasswordSurvives(String password) {
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        String url = "jdbc:postgresql://db:5432/app?user=u&password=" + encoded + "&sslmode=require";
        assertEquals(Optional.of(password), DatabaseUrl.driverPassword(url), "the driver reads it back");
        String masked = DatabaseUrl.mask(url);
        assertFalse(masked.contains("9911"), masked);
        assertTrue(masked.contains("password=****&sslmode=require"), masked);
        assertTrue(masked.startsWith("jdbc:postgresql://db:5432/app?"), masked);
        assertTrue(DatabaseUrl.driverPassword(masked).map("****"::equals).orElse(true), masked);

        // Raw, as a user types it: the driver takes everything up to the next '&' (none here, so it runs to the end).
        if (!password.contains("&") && !password.contains("%")) {
            String raw = "jdbc:postgresql://db/app?user=u&password=" + password;
            String rawMasked = DatabaseUrl.mask(raw);
            assertFalse(rawMasked.contains("9911"), rawMasked);
            assertTrue(rawMasked.contains("user=u"), rawMasked);
        }
        assertFalse(DatabaseUrl.maskText("cannot connect to " + url + " (refused)").contains("9911"));
    }

    @Test
    void aUrlTheDriverCannotReadShowsNoParameters() {
        assertEquals("jdbc:postgresql://db/app?****", DatabaseUrl.mask("jdbc:postgresql://db/app?password=%ZZ-9911"));
    }

    @Test
    void scrubsAPasswordEchoedInADriverMessage() {
        SQLException e = new SQLException("connection failed for password=s3cret and s3cret again", "08001");
        SQLException clean = DatabaseUrl.scrub(e, "s3cret");
        assertFalse(clean.getMessage().contains("s3cret"), clean.getMessage());
        assertEquals("08001", clean.getSQLState());
    }
}
