package dev.sluice.adopt.internal;

import dev.sluice.adopt.AdoptRequest;
import dev.sluice.adopt.AdoptResult;
import dev.sluice.adopt.AdoptSource;
import dev.sluice.adopt.AdoptedMigration;
import dev.sluice.adopt.AdoptionRefusedException;
import dev.sluice.db.ForeignHistoryTable;
import dev.sluice.db.ForeignHistoryTables;
import dev.sluice.history.MigrationState;
import dev.sluice.history.internal.HistoryRow;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.migration.DrizzleMigrationSource;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.NumberedMigrationSource;
import dev.sluice.migration.PrismaMigrationSource;
import dev.sluice.migration.TypeormMigrationSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs an adoption on a connection that holds the migration lock: finds which tool to adopt from (when not
 * told), reads its history, plans what to record ({@link FlywayAdoption}, {@link PrismaAdoption},
 * {@link DrizzleAdoption}, {@link TypeormAdoption}, {@link NumberedAdoption}), and writes Sluice's history rows
 * in one transaction, so an adoption is recorded whole or not at all. Nothing of the migrations runs.
 */
public final class Adopter {

    private final HistoryTable history;

    public Adopter(HistoryTable history) {
        this.history = history;
    }

    /**
     * @param texts   each SQL file's text by its script path
     * @param sources where the project's migrations come from, which also tells their layout
     * @throws AdoptionRefusedException when Sluice already has a history here, the other tool has none, the tool
     *                                  cannot be told, or the files and its history disagree; every problem is named
     */
    public AdoptResult adopt(Connection c, AdoptRequest request, MigrationCatalog catalog, Map<String, String> texts,
                             List<MigrationSource> sources) throws SQLException {
        if (history.exists(c) && !history.all(c).isEmpty()) {
            throw new AdoptionRefusedException("adopt refused: " + history.qualifiedName() + " already records migrations; "
                    + "this database is managed by Sluice", List.of());
        }
        AdoptSource from = request.from().isPresent() ? request.from().get() : detect(c, request, sources);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String foreignTable;
        AdoptionPlan plan;
        switch (from) {
            case PRISMA -> {
                PrismaHistory prisma = PrismaHistory.find(c, history.schema()).orElseThrow(() -> nothingToAdopt(from));
                foreignTable = prisma.qualifiedName();
                plan = PrismaAdoption.plan(prisma.rows(c), catalog, texts);
            }
            case DRIZZLE -> {
                ForeignHistoryTable table = ForeignHistoryTables.find(c, from.id(), "drizzle").orElseThrow(() -> nothingToAdopt(from));
                DrizzleMigrationSource source = layout(sources, DrizzleMigrationSource.class, from, "drizzle:FOLDER");
                foreignTable = table.qualifiedName();
                plan = DrizzleAdoption.plan(OtherHistory.rows(c, table), source, catalog, now);
            }
            case TYPEORM -> {
                ForeignHistoryTable table = ForeignHistoryTables.find(c, from.id(), history.schema()).orElseThrow(() -> nothingToAdopt(from));
                TypeormMigrationSource source = layout(sources, TypeormMigrationSource.class, from, "typeorm:FOLDER");
                foreignTable = table.qualifiedName();
                plan = TypeormAdoption.plan(OtherHistory.rows(c, table), source, catalog, now);
            }
            case NUMBERED -> {
                Optional<ForeignHistoryTable> table = numberedTable(c, request);
                if (table.isPresent()) {
                    foreignTable = table.get().qualifiedName();
                    plan = NumberedAdoption.fromTable(OtherHistory.rows(c, table.get()), table.get().table(), catalog, now);
                } else if (request.table().isPresent()) {
                    throw new AdoptionRefusedException("nothing to adopt: no table " + request.table().get() + " in this database",
                            List.of());
                } else if (request.baseline().isPresent()) {
                    foreignTable = "no tracking table";
                    plan = NumberedAdoption.baseline(request.baseline().get(), catalog, now);
                } else {
                    throw new AdoptionRefusedException("adopt refused: no tracking table (" + ForeignHistoryTables.NUMBERED_DEFAULT
                            + ", or the one named with --tracking-table) in this database; give --version N, the number of the last file "
                            + "already applied, to adopt by baseline", List.of());
                }
            }
            default -> {
                FlywayHistory flyway = FlywayHistory.find(c, history.schema()).orElseThrow(() -> nothingToAdopt(from));
                foreignTable = flyway.qualifiedName();
                plan = FlywayAdoption.plan(flyway.rows(c), catalog, texts);
            }
        }
        if (!plan.problems().isEmpty()) {
            throw new AdoptionRefusedException("adopt refused: " + foreignTable + " and the files disagree; "
                    + "nothing was recorded", plan.problems());
        }
        if (!request.dryRun()) {
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
        return new AdoptResult(from, foreignTable, request.dryRun(), plan.recorded(), plan.notes());
    }

    private Optional<ForeignHistoryTable> numberedTable(Connection c, AdoptRequest request) throws SQLException {
        if (request.table().isPresent()) {
            return ForeignHistoryTables.named(c, AdoptSource.NUMBERED.id(), request.table().get(), history.schema());
        }
        return ForeignHistoryTables.find(c, AdoptSource.NUMBERED.id(), history.schema());
    }

    /**
     * The tool whose history table holds rows in this database; when several do, the one whose layout the files have.
     * Numbered files without any tool's table are adopted by baseline.
     */
    private AdoptSource detect(Connection c, AdoptRequest request, List<MigrationSource> sources) throws SQLException {
        List<ForeignHistoryTable> tables = new ArrayList<>(ForeignHistoryTables.find(c, history.schema()));
        if (request.table().isPresent()) {
            numberedTable(c, request).ifPresent(tables::add);
        }
        Set<AdoptSource> byTable = new LinkedHashSet<>();
        List<ForeignHistoryTable> withRows = new ArrayList<>();
        for (ForeignHistoryTable t : tables) {
            // An empty table records nothing to take over (a tool tried once, or a table of that name by chance).
            if (OtherHistory.count(c, t) > 0) {
                byTable.add(AdoptSource.parse(t.tool()));
                withRows.add(t);
            }
        }
        Set<AdoptSource> byLayout = layouts(sources);
        if (byTable.size() == 1) {
            return byTable.iterator().next();
        }
        if (byTable.isEmpty()) {
            if (byLayout.equals(Set.of(AdoptSource.NUMBERED))) {
                return AdoptSource.NUMBERED;
            }
            throw new AdoptionRefusedException("nothing to adopt: no other tool's history table (" + Stream.of(AdoptSource.values())
                    .map(AdoptSource::historyTable).collect(Collectors.joining(", ")) + ") in this database; for a database that "
                    + "no tool migrated, 'sluice baseline --version V' marks what is already there", List.of());
        }
        Set<AdoptSource> both = new LinkedHashSet<>(byTable);
        both.retainAll(byLayout);
        if (both.size() == 1) {
            return both.iterator().next();
        }
        throw new AdoptionRefusedException("adopt refused: cannot tell which tool to adopt from; name it with --from",
                withRows.stream().map(t -> t.tool() + ": " + t.qualifiedName()).toList());
    }

    private static Set<AdoptSource> layouts(List<MigrationSource> sources) {
        Set<AdoptSource> found = new LinkedHashSet<>();
        for (MigrationSource s : sources) {
            found.add(s instanceof PrismaMigrationSource ? AdoptSource.PRISMA
                    : s instanceof DrizzleMigrationSource ? AdoptSource.DRIZZLE
                    : s instanceof TypeormMigrationSource ? AdoptSource.TYPEORM
                    : s instanceof NumberedMigrationSource ? AdoptSource.NUMBERED : AdoptSource.FLYWAY);
        }
        return found;
    }

    private static <T extends MigrationSource> T layout(List<MigrationSource> sources, Class<T> type, AdoptSource from,
                                                        String location) {
        return sources.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow(() -> new AdoptionRefusedException(
                "adopt refused: none of the locations is in " + from.displayName() + "'s layout; give --locations " + location,
                List.of()));
    }

    private static AdoptionRefusedException nothingToAdopt(AdoptSource from) {
        return new AdoptionRefusedException("nothing to adopt: no " + from.historyTable() + " table in this database; for a "
                + "database that no tool migrated, 'sluice baseline --version V' marks what is already there", List.of());
    }
}
