package dev.sluice.lint;

import dev.sluice.sql.PgStatement;

/** Where a rule reports what it found; the linter fills in the file, the rule's id and its severity. */
public interface Reporter {

    /** A finding at the start of {@code statement}. */
    default void report(PgStatement statement, String message, String alternative) {
        report(statement, statement.source().line(), statement.source().column(), message, alternative);
    }

    /**
     * A finding at a given position inside {@code statement} (an ALTER TABLE sub-command, say); the
     * statement decides which suppressions apply. {@code statement} may be null for a file-level finding.
     */
    void report(PgStatement statement, int line, int column, String message, String alternative);
}
