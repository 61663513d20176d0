package dev.sluice.adopt.internal;

import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.StringResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Sluice's copy of Flyway's checksum gives what Flyway's own calculator gives, line endings and BOM included. */
class FlywayChecksumTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "create table a (id int);",
            "create table a (id int);\n",
            "create table a (id int);\r\ncreate index on a (id);\r\n",
            "\uFEFF-- with a byte-order mark\ncreate table a (id int);\n",
            "-- ünïcödé ✓\ninsert into a values (1);\n\n\n",
            "line one\rline two\r",
            "  leading and trailing spaces  \n\ttab\n"})
    void agreesWithFlywaysCalculator(String text) {
        assertEquals(ChecksumCalculator.calculate(new StringResource(text)), FlywayChecksum.of(text));
    }

    @Test
    void aKnownValueAndWhatItIgnores() {
        // CRC32 of the bytes "create table a (id int);", as a signed int.
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("create table a (id int);".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals((int) crc.getValue(), FlywayChecksum.of("create table a (id int);\r\n"));
        assertEquals(FlywayChecksum.of("a\nb\n"), FlywayChecksum.of("a\r\nb"), "line endings and a final break do not count");
        assertNotEquals(FlywayChecksum.of("a\nb\n"), FlywayChecksum.of("a\nc\n"));
    }
}
