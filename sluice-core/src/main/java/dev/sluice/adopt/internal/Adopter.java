package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptResult;
import dev.sluice.adopt.AdoptSource;
import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.adopt.AdoptionRefusedException;
import dev.sluice.history.internal.HistoryRow;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.MigrationCatalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an adoption on a connection that holds the migration lock: reads the other tool's history, plans
 * what to record ({@link FlywayAdoption}, {@link PrismaAdoption}), and writes Sluice's history rows in one transaction, so an
 * adoption is recorded whole or not at all. Nothing of the migrations runs.
 */
public final class Adopter {

    private final HistoryTable history;

    public Adopter(HistoryTable history) {
        this.history = history;
    }

    /**
     * @param texts each SQL file's text by its script path
     * @throws AdoptionRefusedException when Sluice already has a history here, the other tool has none, or the
     *                                  files and its history disagree; every problem is named
     */
    public AdoptResult adopt(Connection c, AdoptSource from, MigrationCatalog catalog, Map<String, String> texts,
                             boolean dryRun) throws SQLException {
        if (history.exists(c) && !history.all(c).isEmpty()) {
            throw new AdoptionRefusedException("adopt refused: " + history.qualifiedName() + " already records migrations; "
                    + "this database is managed by Sluice", List.of());
        }
        String foreignTable;
        AdoptionPlan plan;
        if (from == AdoptSource.PRISMA) {
            PrismaHistory prisma = PrismaHistory.find(c, history.schema()).orElseThrow(() -> nothingToAdopt(PrismaHistory.TABLE));
            foreignTable = prisma.qualifiedName();
            plan = PrismaAdoption.plan(prisma.rows(c), catalog, texts);
        } else {
            FlywayHistory flyway = FlywayHistory.find(c, history.schema()).orElseThrow(() -> nothingToAdopt(FlywayHistory.TABLE));
            foreignTable = flyway.qualifiedName();
            plan = FlywayAdoption.plan(flyway.rows(c), catalog, texts);
        }
        if (!plan.problems().isEmpty()) {
            throw new AdoptionRefusedException("adopt refused: " + foreignTable + " and the files disagree; "
                    + "nothing was recorded", plan.problems());
        }
        if (!dryRun) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                history.create(c);
                for (AdoptedMigration m : plan.recorded()) {
                    history.insertAdopted(c, new HistoryRow(m.version(), m.description(), m.type(), m.script(), m.checksum(),
                            m.installedBy(), MigrationState.APPLIED, Optional.of(m.executionMs()), Optional.empty()), m.installedOn());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return new AdoptResult(from, foreignTable, dryRun, plan.recorded(), plan.notes());
    }

    private static AdoptionRefusedException nothingToAdopt(String table) {
        return new AdoptionRefusedException("nothing to adopt: no " + table + " table in this database; for a database that "
                + "no tool migrated, 'sluice baseline --version V' marks what is already there", List.of());
    }
}
