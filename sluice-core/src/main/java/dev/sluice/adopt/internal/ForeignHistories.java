package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptSource;
import dev.sluice.adopt.ManagedByAnotherToolException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The guard of every verb that reads Sluice's history to decide what runs: when that history is empty and
 * another tool's holds applied migrations, every file would look pending and {@code migrate} would re-run
 * them, so the verb stops and says to adopt. Costs one catalog query, and only while Sluice's history is empty.
 */
public final class ForeignHistories {

    private ForeignHistories() {
    }

    /**
     * @param sluiceHasHistory whether Sluice's history table exists and holds a row
     * @param schema       Sluice's history schema, where the other tool's table is looked for first
     * @throws ManagedByAnotherToolException when Sluice has no history here and Flyway or Prisma has applied migrations
     */
    public static void refuseIfManagedElsewhere(Connection c, boolean sluiceHasHistory, String schema) throws SQLException {
        if (sluiceHasHistory) {
            return;
        }
        Optional<FlywayHistory> flyway = FlywayHistory.find(c, schema);
        if (flyway.isPresent()) {
            refuse(AdoptSource.FLYWAY, flyway.get().qualifiedName(), flyway.get().appliedCount(c));
        }
        Optional<PrismaHistory> prisma = PrismaHistory.find(c, schema);
        if (prisma.isPresent()) {
            refuse(AdoptSource.PRISMA, prisma.get().qualifiedName(), prisma.get().appliedCount(c));
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
