package dev.sluice.backup;

import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.Direction;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;
import dev.sluice.sql.StatementKind;
import dev.sluice.sql.StatementParser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables a plan is about to drop or rewrite the data of: {@code DROP TABLE}, {@code TRUNCATE},
 * {@code ALTER TABLE ... DROP COLUMN}, {@code ALTER COLUMN ... TYPE}, and {@code UPDATE} or
 * {@code DELETE} without {@code WHERE}. Decided from the lint's statement model ({@link StatementParser}),
 * so comments, string literals and dollar quotes are read exactly as the lint and PostgreSQL read them.
 *
 * <p>Where the parser could not follow a statement of one of those kinds, the statement counts as
 * destructive: a false alarm only costs a table copy, a miss costs the data. Java migrations are opaque
 * and are not looked into.
 */
public final class DestructiveChanges {

    private DestructiveChanges() {
    }

    /** The tables (as written in the migrations) that the plan's up steps destroy or rewrite data of. */
    public static List<String> tables(MigrationPlan plan) {
        Set<String> tables = new LinkedHashSet<>();
        for (PlanStep step : plan.steps()) {
            if (step.direction() == Direction.UP && step.body() instanceof SqlMigrationBody sql) {
                for (SqlStatement s : sql.statements()) {
                    tables.addAll(destroyedTables(s));
                }
            }
        }
        return new ArrayList<>(tables);
    }

    /** Whether the statement drops a table or column, rewrites a column, or changes every row of a table. */
    public static boolean isDestructive(SqlStatement statement) {
        return isDestructive(StatementParser.parse(statement));
    }

    /** The tables the statement destroys or rewrites data of; empty when it destroys nothing. */
    static List<String> destroyedTables(SqlStatement statement) {
        PgStatement parsed = StatementParser.parse(statement);
        if (!isDestructive(parsed)) {
            return List.of();
        }
        List<String> named;
        if (parsed instanceof PgStatement.Drop d) {
            named = d.names().stream().map(QualifiedName::toString).toList();
        } else if (parsed instanceof PgStatement.Truncate t) {
            named = t.tables().stream().map(QualifiedName::toString).toList();
        } else {
            named = parsed.target().map(n -> List.of(n.toString())).orElse(List.of());
        }
        // A statement the parser could not follow names its tables through the token scan execution uses.
        return named.isEmpty() ? StatementFacts.of(statement).tables() : named;
    }

    private static boolean isDestructive(PgStatement s) {
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
}
