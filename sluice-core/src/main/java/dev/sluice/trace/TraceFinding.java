package dev.sluice.trace;

/**
 * Something only running the statement showed: a rewrite the text did not announce, or a strong lock
 * kept while more statements ran.
 *
 * @param rule     stable kebab-case id, shared with the lint where the lint checks the same hazard
 * @param severity error, warning or info
 * @param script   the migration's file
 * @param line     the statement's line
 * @param message  what happened and what to do instead
 */
public record TraceFinding(String rule, String severity, String script, int line, String message) {
}
