package dev.sluice.adopt.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway stores in {@code flyway_schema_history.checksum} for a SQL file, computed as Flyway's
 * {@code ChecksumCalculator} does: the file is read line by line ({@link BufferedReader#readLine()}, so
 * {@code \n}, {@code \r\n} and {@code \r} all end a line and a final line break adds nothing), a byte-order
 * mark is removed from the first line, and a CRC32 is updated with each line's UTF-8 bytes without its line
 * terminator. The result is the CRC's low 32 bits as a signed int.
 *
 * <p>Hazard: since line terminators are left out, joining two lines or moving a line break inside a line
 * does not change it; it is good for telling that a file was edited, not for proving that it was not.
 * Files are expected in UTF-8, Flyway's default encoding.
 */
public final class FlywayChecksum {

    private FlywayChecksum() {
    }

    public static int of(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            String line = reader.readLine();
            if (line != null) {
                if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                do {
                    crc.update(line.getBytes(StandardCharsets.UTF_8));
                } while ((line = reader.readLine()) != null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a string reader cannot fail", e);
        }
        return (int) crc.getValue();
    }
}
