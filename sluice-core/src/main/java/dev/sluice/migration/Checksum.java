package dev.sluice.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum of a migration script: SHA-256 over its text with line endings normalized to {@code \n}
 * and a leading byte-order mark removed. Normalizing means a checkout on Windows (CRLF) and one on Linux
 * agree; anything else, a changed comment included, changes the checksum, because a changed applied
 * file is exactly what {@code validate} exists to catch.
 */
public final class Checksum {

    private Checksum() {
    }

    /** The lower-case hex SHA-256 of the normalized text. */
    public static String of(String text) {
        String normalized = normalize(text);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The form shown to people: the first twelve hex digits, enough to tell two versions apart. */
    public static String shortForm(String checksum) {
        return checksum == null ? "-" : checksum.substring(0, Math.min(12, checksum.length()));
    }

    static String normalize(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
