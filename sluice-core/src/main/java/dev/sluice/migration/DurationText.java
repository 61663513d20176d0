package dev.sluice.migration;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as PostgreSQL writes them in settings: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 15min},
 * {@code 1h}, {@code 1d}; {@code 0} or {@code off} means no limit. A bare number is taken as milliseconds,
 * as PostgreSQL does for {@code lock_timeout}, and a fraction is rounded to the nearest millisecond, as
 * PostgreSQL rounds {@code SET lock_timeout = '1.5s'}.
 *
 * <p>The one parser for every duration Sluice reads: options, {@code sluice.conf}, and the
 * {@code -- sluice:lock-timeout} headers that both {@code migrate} and {@code lint} read, so they can
 * never disagree on what a file says.
 */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h|d)?");

    /**
     * The longest timeout PostgreSQL accepts: {@code lock_timeout}, {@code statement_timeout} and
     * {@code idle_in_transaction_session_timeout} are an int of milliseconds (about 24.8 days).
     */
    public static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

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
        java.math.BigDecimal n = new java.math.BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long perUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        java.math.BigDecimal ms = n.multiply(java.math.BigDecimal.valueOf(perUnit)).setScale(0, java.math.RoundingMode.HALF_UP);
        if (ms.signum() == 0 && n.signum() != 0) {
            throw new IllegalArgumentException("'" + text + "' is less than a millisecond: write 1ms or more, or off");
        }
        if (ms.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofMillis(ms.longValueExact());
    }

    /**
     * A duration that becomes a PostgreSQL timeout setting: as {@link #parse}, and at most
     * {@link #MAX_TIMEOUT}, which the server would refuse only once the migration runs.
     */
    public static Duration parseTimeout(String text) {
        Duration d = parse(text);
        checkTimeout(d, "'" + text.strip() + "'");
        return d;
    }

    /** Refuses a timeout longer than PostgreSQL takes; {@code what} names it in the message. */
    public static void checkTimeout(Duration d, String what) {
        if (d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + " is longer than PostgreSQL allows for a timeout ("
                    + Integer.MAX_VALUE + "ms, about 24.8 days); give a shorter one, or off for no limit");
        }
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

    /**
     * A duration the way a person says it, for messages: {@code 3d 4h}, {@code 2h 5min}, {@code 40s};
     * whole seconds, the next smaller unit only when it is not zero. Not a form {@link #parse} reads back.
     */
    public static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d" + (s % 86_400 >= 3600 ? " " + (s % 86_400) / 3600 + "h" : "");
        }
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600 >= 60 ? " " + (s % 3600) / 60 + "min" : "");
        }
        if (s >= 60) {
            return s / 60 + "min";
        }
        return s + "s";
    }
}
