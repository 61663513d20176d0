package dev.sluice.migration;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as PostgreSQL writes them in settings: {@code 500ms}, {@code 2s}, {@code 15min}, {@code 1h},
 * {@code 1d}; {@code 0} or {@code off} means no limit. A bare number is taken as milliseconds, as
 * PostgreSQL does for {@code lock_timeout}.
 */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|min|h|d)?");

    private DurationText() {
    }

    /** Parses a duration; {@link Duration#ZERO} means no limit. */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("off")) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 500ms, 2s, 15min, 1h or off");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The duration as a PostgreSQL setting value in milliseconds, e.g. {@code 2000ms}; {@code 0} for none. */
    public static String toSetting(Duration duration) {
        return duration.isZero() ? "0" : duration.toMillis() + "ms";
    }

    /** A short human form, e.g. {@code 2s}, {@code 1500ms}, {@code off}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "off";
        }
        long ms = duration.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
