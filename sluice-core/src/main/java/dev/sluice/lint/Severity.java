package dev.sluice.lint;

import java.util.Locale;

/** How bad a finding is. Only {@link #ERROR} stops {@code migrate} and fails {@code sluice lint}. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** Lower case, as shown in reports and accepted in the config. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code error}, {@code warning} or {@code info}, ignoring case. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "'; use error, warning or info");
        }
    }
}
