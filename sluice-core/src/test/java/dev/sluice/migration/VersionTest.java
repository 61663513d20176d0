package dev.sluice.migration;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {

    @Test
    void comparesNumericallyPartByPart() {
        assertTrue(Version.parse("1.2.10").compareTo(Version.parse("1.2.9")) > 0);
        assertTrue(Version.parse("10").compareTo(Version.parse("9")) > 0);
        assertTrue(Version.parse("1.10").compareTo(Version.parse("1.9.9")) > 0);
    }

    @Test
    void underscoreSeparatesPartsLikeADot() {
        assertEquals(Version.parse("1.2"), Version.parse("1_2"));
        assertEquals("1.2", Version.parse("1_2").toString());
    }

    @Test
    void trailingZeroPartsAreEqual() {
        assertEquals(Version.parse("1"), Version.parse("1.0.0"));
        assertEquals(Version.parse("1").hashCode(), Version.parse("1.0.0").hashCode());
    }

    @Test
    void sortsTimestampsAndLongNumbers() {
        List<Version> versions = new ArrayList<>(List.of(Version.parse("20261121120000"), Version.parse("2"),
                Version.parse("99999999999999999999")));
        Collections.sort(versions);
        assertEquals(List.of("2", "20261121120000", "99999999999999999999"), versions.stream().map(Version::toString).toList());
    }

    @Test
    void refusesNonNumericVersionsWithTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse("1.a"));
        assertTrue(e.getMessage().contains("'1.a'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Version.parse("1..2"));
        assertThrows(IllegalArgumentException.class, () -> Version.parse(""));
    }

    @Test
    void nextMajorIncrementsTheFirstPart() {
        assertEquals("4", Version.parse("3.1").nextMajor().toString());
    }
}
