package dev.sluice.backup;

import dev.sluice.migration.MigrationBody;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.sql.DataLoss;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.internal.StatementParser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables the migrations about to run drop or rewrite the data of, so that a backup copies them
 * first. What counts as destructive is decided in one place, {@link DataLoss}, from the statement model
 * the lint and execution read; this class only gathers its answers over migration bodies. Java
 * migrations are opaque and are not looked into.
 */
public final class DestructiveChanges {

    private DestructiveChanges() {
    }

    /**
     * The tables (as written in the migrations) that the given bodies destroy or rewrite data of.
     *
     * @param bodies the bodies a run is about to execute forward, e.g. {@code MigrationPlan.upBodies()}
     */
    public static List<String> tables(List<? extends MigrationBody> bodies) {
        Set<String> tables = new LinkedHashSet<>();
        for (MigrationBody body : bodies) {
            if (body instanceof SqlMigrationBody sql) {
                for (SqlStatement s : sql.statements()) {
                    tables.addAll(destroyedTables(s));
                }
            }
        }
        return new ArrayList<>(tables);
    }

    /** Whether the statement drops a table or column, rewrites a column, or changes every row of a table. */
    public static boolean isDestructive(SqlStatement statement) {
        return DataLoss.destroysData(StatementParser.parse(statement));
    }

    /** The tables the statement destroys or rewrites data of; empty when it destroys nothing. */
    static List<String> destroyedTables(SqlStatement statement) {
        return DataLoss.destroyedTables(StatementParser.parse(statement));
    }
}
