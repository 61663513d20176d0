package dev.sluice.migration;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as PostgreSQL writes them in settings: {@code 8192}, {@code 64kB}, {@code 10MB}, {@code 1GB},
 * {@code 1TB}, with 1024 as the step (PostgreSQL's {@code kB} is 1024 bytes). A bare number is bytes.
 * Printed sizes use the binary units ({@code KiB}, {@code MiB}) so nobody misreads the step.
 */
public final class ByteSizeText {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?");
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSizeText() {
    }

    /** Parses a size in bytes. */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write e.g. 8192, 64kB, 10MB or 1GB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return n << shift;
    }

    /** {@code 512 B}, {@code 16.0 KiB}, {@code 10.0 MiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }
}
