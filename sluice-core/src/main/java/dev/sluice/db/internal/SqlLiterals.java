package dev.sluice.db.internal;

/**
 * SQL string literals for text that must travel inside a statement rather than as a bind parameter (a
 * statement in a JDBC batch of plain strings, a trigger body).
 *
 * <p>The escape-string form {@code E'...'} is used because its meaning does not depend on the session's
 * {@code standard_conforming_strings}: in a plain {@code '...'} literal a backslash is a character or an
 * escape depending on that setting.
 */
public final class SqlLiterals {

    private SqlLiterals() {
    }

    /** {@code E'text'} with backslashes and quotes escaped, or {@code null} for a missing value. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("PostgreSQL text cannot hold a NUL character");
        }
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
