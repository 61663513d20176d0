package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptSource;
import dev.sluice.adopt.ManagedByAnotherToolException;
import dev.sluice.db.ForeignHistoryTable;
import dev.sluice.db.ForeignHistoryTables;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The guard of every verb that reads Sluice's history to decide what runs: when that history is empty and
 * another tool's ({@link ForeignHistoryTables}: Flyway, Prisma, Drizzle, TypeORM, a numbered project's
 * {@code schema_migrations}) holds applied migrations, every file would look pending and {@code migrate} would
 * re-run them, so the verb stops and says to adopt. Costs one catalog query, and only while Sluice's history is empty.
 */
public final class ForeignHistories {

    private ForeignHistories() {
    }

    /**
     * @param sluiceHasHistory whether Sluice's history table exists and holds a row
     * @param schema       Sluice's history schema, where the other tool's table is looked for first
     * @throws ManagedByAnotherToolException when Sluice has no history here and another tool has applied migrations
     */
    public static void refuseIfManagedElsewhere(Connection c, boolean sluiceHasHistory, String schema) throws SQLException {
        if (sluiceHasHistory) {
            return;
        }
        for (ForeignHistoryTable table : ForeignHistoryTables.find(c, schema)) {
            AdoptSource tool = AdoptSource.parse(table.tool());
            long applied = switch (tool) {
                case FLYWAY -> FlywayHistory.find(c, schema).orElseThrow().appliedCount(c);
                case PRISMA -> PrismaHistory.find(c, schema).orElseThrow().appliedCount(c);
                default -> OtherHistory.count(c, table);
            };
            refuse(tool, table.qualifiedName(), applied);
        }
    }

    private static void refuse(AdoptSource tool, String table, long applied) {
        if (applied == 0) {
            return;
        }
        throw new ManagedByAnotherToolException(tool, "this database is managed by " + tool.displayName() + ": run 'sluice adopt "
                + "--from " + tool.id() + "' to take over its history without re-running anything ('--dry-run' shows what it "
                + "would record), or 'sluice baseline --version V'. " + table + " records " + applied
                + " applied migration" + (applied == 1 ? "" : "s") + " and Sluice has no history here yet; nothing ran");
    }
}
