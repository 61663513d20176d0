package dev.sluice.migration;

import dev.sluice.sql.SqlStatement;

import java.util.List;
import java.util.Locale;

/**
 * The files {@code sluice new} writes: comments saying how the file runs, no statement, and a
 * placeholder assertion after {@code -- sluice:validate}. Kept here, beside the check that recognises a
 * file nobody filled in, so the two cannot drift apart.
 */
public final class MigrationTemplate {

    /** The assertion the template holds until a person writes a real one. */
    public static final String PLACEHOLDER_ASSERTION = "select true";

    private MigrationTemplate() {
    }

    /** The up file for a migration described as {@code description}. */
    public static String up(String description) {
        return """
                -- Up: %s
                -- Statements run in one transaction with lock_timeout 2s, unless one of them cannot
                -- (CREATE INDEX CONCURRENTLY...), in which case they run one by one.

                -- sluice:validate
                -- Each assertion returns one row whose first column must be true.
                %s;
                """.formatted(description, PLACEHOLDER_ASSERTION);
    }

    /** The down file that reverses {@code upFileName}. */
    public static String down(String upFileName) {
        return """
                -- Down: reverses %s

                -- sluice:validate
                %s;
                """.formatted(upFileName, PLACEHOLDER_ASSERTION);
    }

    /**
     * Whether a file with these statements (before {@code -- sluice:validate}) and assertions (after it)
     * is the template as {@code new} wrote it, whatever its comments say: nothing to run, and only the
     * placeholder to check.
     */
    public static boolean untouched(List<SqlStatement> statements, List<SqlStatement> assertions) {
        return statements.isEmpty() && !assertions.isEmpty()
                && assertions.stream().allMatch(a -> a.sql().strip().replaceAll("\\s+", " ").replaceAll(";$", "")
                .toLowerCase(Locale.ROOT).equals(PLACEHOLDER_ASSERTION));
    }
}
