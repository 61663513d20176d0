package dev.sluice.sql;

import java.util.Objects;

/**
 * A {@code -- sluice:<keyword> <argument>} line comment found in a script. Directives are comments so
 * that the same file still runs in psql or any other tool.
 *
 * @param line     1-based line of the comment
 * @param keyword  the word after {@code sluice:}, lower case (e.g. {@code transaction}, {@code validate},
 *                 {@code lock-timeout}, {@code ignore})
 * @param argument the rest of the line, trimmed; empty when there is none
 */
public record SluiceDirective(int line, String keyword, String argument) {
    public SluiceDirective {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(argument, "argument");
    }
}
