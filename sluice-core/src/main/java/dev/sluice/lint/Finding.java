package dev.sluice.lint;

import java.util.Objects;

/**
 * One problem the lint found.
 *
 * @param file        the file as shown to the user
 * @param line        1-based line
 * @param column      1-based column
 * @param rule        the rule's id
 * @param severity    after the project's overrides
 * @param message     what is wrong and what it blocks
 * @param alternative the safe way to do it, often SQL; empty when there is nothing better to say
 */
public record Finding(String file, int line, int column, String rule, Severity severity, String message,
                      String alternative) {

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(alternative, "alternative");
    }

    /** {@code file:line:col: severity [rule] message}, as compilers print it. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + severity.label() + " [" + rule + "] " + message;
    }
}
