package dev.sluice.migration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationTextTest {

    @Test
    void parsesPostgresUnits() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), DurationText.parse("2s"));
        assertEquals(Duration.ofMinutes(15), DurationText.parse("15min"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ofMillis(250), DurationText.parse("250"));
        assertEquals(Duration.ZERO, DurationText.parse("off"));
    }

    @Test
    void rendersForTheServerAndForPeople() {
        assertEquals("2000ms", DurationText.toSetting(Duration.ofSeconds(2)));
        assertEquals("0", DurationText.toSetting(Duration.ZERO));
        assertEquals("2s", DurationText.format(Duration.ofSeconds(2)));
        assertEquals("15min", DurationText.format(Duration.ofMinutes(15)));
        assertEquals("off", DurationText.format(Duration.ZERO));
    }

    @Test
    void refusesOtherForms() {
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("2 seconds"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("-1s"));
    }
}
