package dev.sluice.lint;

import java.util.List;

/**
 * One {@code -- sluice:ignore} or {@code -- sluice:ignore-file} directive.
 *
 * @param line      the directive's line
 * @param rules     the rule ids it names (comma-separated in the file)
 * @param reason    why; a suppression without one suppresses nothing
 * @param wholeFile {@code ignore-file}
 * @param statement for {@code ignore}: the index of the statement it stands before, -1 when none follows
 */
public record Suppression(int line, List<String> rules, String reason, boolean wholeFile, int statement) {

    public Suppression {
        rules = List.copyOf(rules);
    }

    public boolean hasReason() {
        return !reason.isBlank();
    }

    /** Whether it silences {@code rule} for the statement at {@code index}. */
    public boolean covers(String rule, int index) {
        return hasReason() && rules.contains(rule) && (wholeFile || statement == index);
    }
}
