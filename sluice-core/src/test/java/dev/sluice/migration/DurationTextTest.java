package dev.sluice.migration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void fractionsAreRoundedToTheMillisecondAsPostgresDoes() {
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s"));
        assertEquals(Duration.ofMillis(90_000), DurationText.parse("1.5min"));
        assertEquals(Duration.ofMillis(2), DurationText.parse("1.5"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("0.1ms"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("1.s"));
    }

    @Test
    void timeoutsStopAtPostgresMaximum() {
        assertEquals(Duration.ofDays(24), DurationText.parseTimeout("24d"));
        assertEquals(Duration.ofMillis(Integer.MAX_VALUE), DurationText.parseTimeout("2147483647ms"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parseTimeout("25d"));
        assertTrue(e.getMessage().contains("'25d'") && e.getMessage().contains("24.8 days"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DurationText.parseTimeout("2147483648"));
        assertEquals(Duration.ofDays(25), DurationText.parse("25d"), "a wait of Sluice's own has no such bound");
    }

    @Test
    void refusesOtherForms() {
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("2 seconds"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("-1s"));
    }

    @Test
    void humanSaysADurationTheWayAPersonDoes() {
        assertEquals("40s", DurationText.human(Duration.ofSeconds(40)));
        assertEquals("5min", DurationText.human(Duration.ofMinutes(5).plusSeconds(59)));
        assertEquals("2h 5min", DurationText.human(Duration.ofMinutes(125)));
        assertEquals("1d", DurationText.human(Duration.ofHours(24)));
        assertEquals("3d 4h", DurationText.human(Duration.ofHours(76)));
        assertEquals("0s", DurationText.human(Duration.ofSeconds(-3)));
    }
}
