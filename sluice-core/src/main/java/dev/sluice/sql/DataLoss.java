package dev.sluice.sql;

import java.util.List;

/**
 * Which statements destroy data or rewrite it: {@code DROP TABLE}, {@code TRUNCATE},
 * {@code ALTER TABLE ... DROP COLUMN}, {@code ALTER COLUMN ... TYPE}, and {@code UPDATE} or
 * {@code DELETE} without {@code WHERE}. Read from the statement model ({@link PgStatement}), so comments,
 * string literals and dollar quotes are read exactly as the lint and PostgreSQL read them.
 *
 * <p>Where the parser could not follow a statement of one of those kinds, the statement counts as
 * destructive: a false alarm only costs a table copy, a miss costs the data.
 */
public final class DataLoss {

    private DataLoss() {
    }

    /** Whether the statement drops a table or column, rewrites a column, or changes every row of a table. */
    public static boolean destroysData(PgStatement s) {
        if (s instanceof PgStatement.Drop d) {
            return d.objectType().equals("TABLE");
        }
        if (s instanceof PgStatement.Truncate) {
            return true;
        }
        if (s instanceof PgStatement.AlterTable a) {
            return a.actions().stream().anyMatch(x -> x.type() == AlterTableAction.Type.DROP_COLUMN
                    || x.type() == AlterTableAction.Type.ALTER_COLUMN_TYPE);
        }
        if (s instanceof PgStatement.Dml d) {
            return (d.kind() == StatementKind.UPDATE || d.kind() == StatementKind.DELETE) && !d.hasWhere();
        }
        // Not followed by the parser: assume the worst for the kinds that can destroy data.
        return s instanceof PgStatement.Opaque && switch (s.kind()) {
            case DROP_TABLE, TRUNCATE, ALTER_TABLE, UPDATE, DELETE -> true;
            default -> false;
        };
    }

    /** The tables the statement destroys or rewrites data of, as written; empty when it destroys nothing. */
    public static List<String> destroyedTables(PgStatement s) {
        if (!destroysData(s)) {
            return List.of();
        }
        if (s instanceof PgStatement.Drop d) {
            return d.names().stream().map(QualifiedName::toString).toList();
        }
        if (s instanceof PgStatement.Truncate t) {
            return t.tables().stream().map(QualifiedName::toString).toList();
        }
        return s.target().map(n -> List.of(n.toString())).orElse(List.of());
    }
}
