package dev.sluice.execution;

import dev.sluice.execution.internal.MigrationPlanner;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.Checksum;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.internal.MigrationResolver;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.ScriptResource;
import dev.sluice.migration.Version;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules that set files against history, without a database. */
class ProjectStatusTest {

    static final String V1 = "create table a (id int);";
    static final String V2 = "create table b (id int);";
    static final String V3 = "create index concurrently b_id on b (id);";

    static MigrationCatalog catalog(String... nameThenText) {
        List<ScriptResource> scripts = new ArrayList<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            scripts.add(new ScriptResource(nameThenText[i], nameThenText[i], nameThenText[i + 1]));
        }
        MigrationSource source = new MigrationSource() {
            @Override
            public List<ScriptResource> scripts() {
                return scripts;
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
        return new MigrationResolver(false).resolve(List.of(source));
    }

    static AppliedMigration row(int rank, String version, MigrationType type, String text, MigrationState state) {
        return new AppliedMigration(rank, Optional.ofNullable(version).map(Version::parse), "d" + rank, type, "V" + version + "__x.sql",
                Optional.ofNullable(text).map(Checksum::of), "me", Instant.EPOCH, Optional.of(Instant.EPOCH),
                Optional.of(1L), state, Optional.empty(), Optional.empty());
    }

    @Test
    void appliedPendingAndCurrent() {
        MigrationCatalog c = catalog("V1__a.sql", V1, "V2__b.sql", V2);
        ProjectStatus s = ProjectStatus.of(c, List.of(row(1, "1", MigrationType.SQL, V1, MigrationState.APPLIED)));
        assertEquals(VersionState.APPLIED, s.entries().get(0).state());
        assertEquals(VersionState.PENDING, s.entries().get(1).state());
        assertEquals(Version.parse("1"), s.current().orElseThrow());
        assertTrue(s.problems().isEmpty());
    }

    @Test
    void editedAppliedFileIsAChecksumMismatchNamingBothChecksums() {
        MigrationCatalog c = catalog("V1__a.sql", V1 + " -- edited");
        ProjectStatus s = ProjectStatus.of(c, List.of(row(1, "1", MigrationType.SQL, V1, MigrationState.APPLIED)));
        StateProblem p = s.problems().get(0);
        assertEquals(StateProblem.Kind.CHECKSUM_MISMATCH, p.kind());
        assertTrue(p.message().contains(Checksum.shortForm(Checksum.of(V1))), p.message());
        assertTrue(p.message().contains(Checksum.shortForm(Checksum.of(V1 + " -- edited"))), p.message());
        assertTrue(p.subject().contains("V1__a.sql"), p.subject());
    }

    @Test
    void appliedVersionWithoutFileIsMissingOrAhead() {
        MigrationCatalog c = catalog("V2__b.sql", V2);
        ProjectStatus s = ProjectStatus.of(c, List.of(
                row(1, "1", MigrationType.SQL, V1, MigrationState.APPLIED),
                row(2, "2", MigrationType.SQL, V2, MigrationState.APPLIED),
                row(3, "3", MigrationType.SQL, V3, MigrationState.APPLIED)));
        assertEquals(List.of(StateProblem.Kind.MISSING_LOCALLY, StateProblem.Kind.DATABASE_AHEAD),
                s.problems().stream().map(StateProblem::kind).toList());
    }

    @Test
    void rolledBackVersionIsPendingAgain() {
        MigrationCatalog c = catalog("V1__a.sql", V1);
        ProjectStatus s = ProjectStatus.of(c, List.of(
                row(1, "1", MigrationType.SQL, V1, MigrationState.ROLLED_BACK),
                row(2, "1", MigrationType.UNDO, null, MigrationState.APPLIED)));
        assertEquals(VersionState.PENDING, s.entries().get(0).state());
        assertTrue(s.current().isEmpty());
    }

    @Test
    void failedTransactionalMigrationIsRetriedButFailedAutocommitOneBlocks() {
        MigrationCatalog c = catalog("V1__a.sql", V1, "V2__b.sql", V2, "V3__c.sql", V3);
        ProjectStatus retry = ProjectStatus.of(c, List.of(
                row(1, "1", MigrationType.SQL, V1, MigrationState.APPLIED),
                row(2, "2", MigrationType.SQL, V2, MigrationState.FAILED)));
        assertTrue(retry.problems().isEmpty(), retry.problems().toString());
        MigrationPlan plan = new MigrationPlanner(ExecutionSettings.defaults()).migrate(retry, Optional.empty());
        assertEquals(List.of("2", "3"), plan.steps().stream().map(st -> st.migration().requireVersion().toString()).toList());

        ProjectStatus blocked = ProjectStatus.of(c, List.of(
                row(1, "1", MigrationType.SQL, V1, MigrationState.APPLIED),
                row(2, "2", MigrationType.SQL, V2, MigrationState.APPLIED),
                row(3, "3", MigrationType.SQL, V3, MigrationState.FAILED)));
        assertEquals(StateProblem.Kind.PARTIALLY_APPLIED, blocked.problems().get(0).kind());
        assertThrows(MigrationStateException.class,
                () -> new MigrationPlanner(ExecutionSettings.defaults()).migrate(blocked, Optional.empty()));
    }

    @Test
    void runningRowIsAnInterruption() {
        MigrationCatalog c = catalog("V1__a.sql", V1);
        ProjectStatus s = ProjectStatus.of(c, List.of(row(1, "1", MigrationType.SQL, V1, MigrationState.RUNNING)));
        assertEquals(StateProblem.Kind.INTERRUPTED, s.problems().get(0).kind());
    }

    @Test
    void pendingBelowCurrentIsOutOfOrderUnlessAllowed() {
        MigrationCatalog c = catalog("V1__a.sql", V1, "V2__b.sql", V2);
        ProjectStatus s = ProjectStatus.of(c, List.of(row(1, "2", MigrationType.SQL, V2, MigrationState.APPLIED)));
        assertEquals(StateProblem.Kind.OUT_OF_ORDER, s.problems().get(0).kind());
        assertThrows(MigrationStateException.class,
                () -> new MigrationPlanner(ExecutionSettings.defaults()).migrate(s, Optional.empty()));
        MigrationPlan plan = new MigrationPlanner(ExecutionSettings.defaults().withOutOfOrder(true)).migrate(s, Optional.empty());
        assertEquals(1, plan.steps().size());
    }

    @Test
    void baselineCoversOlderVersions() {
        MigrationCatalog c = catalog("V1__a.sql", V1, "V2__b.sql", V2);
        ProjectStatus s = ProjectStatus.of(c, List.of(row(1, "1", MigrationType.BASELINE, null, MigrationState.APPLIED)));
        assertEquals(VersionState.BELOW_BASELINE, s.entries().get(0).state());
        assertEquals(VersionState.PENDING, s.entries().get(1).state());
        assertTrue(s.problems().isEmpty(), s.problems().toString());
    }

    @Test
    void planHonoursTargetAndTimeoutsFromTheHeader() {
        MigrationCatalog c = catalog("V1__a.sql", "-- sluice:lock-timeout 5s\n" + V1, "V2__b.sql", V2, "V3__c.sql", V3);
        ProjectStatus s = ProjectStatus.of(c, List.of());
        MigrationPlan plan = new MigrationPlanner(ExecutionSettings.defaults()).migrate(s, Optional.of(Version.parse("2")));
        assertEquals(2, plan.steps().size());
        assertEquals(Duration.ofSeconds(5), plan.steps().get(0).lockTimeout());
        assertEquals(Duration.ofSeconds(2), plan.steps().get(1).lockTimeout());
    }

    @Test
    void rollbackNeedsADown() {
        MigrationCatalog c = catalog("V1__a.sql", V1, "U1__a.sql", "drop table a;", "V2__b.sql", V2);
        ProjectStatus s = ProjectStatus.of(c, List.of(
                row(1, "1", MigrationType.SQL, V1, MigrationState.APPLIED),
                row(2, "2", MigrationType.SQL, V2, MigrationState.APPLIED)));
        MigrationStateException e = assertThrows(MigrationStateException.class,
                () -> new MigrationPlanner(ExecutionSettings.defaults()).rollback(s, 1, Optional.empty()));
        assertTrue(e.getMessage().contains("add U2__b.sql"), e.getMessage());
        MigrationPlan toZero = new MigrationPlanner(ExecutionSettings.defaults()).rollback(
                ProjectStatus.of(c, List.of(row(1, "1", MigrationType.SQL, V1, MigrationState.APPLIED))), 1, Optional.empty());
        assertEquals("U1__a.sql", toZero.steps().get(0).scriptName());
    }

    @Test
    void dryRunPlanNamesAutocommitStatementsAndWhy() {
        MigrationCatalog c = catalog("V1__a.sql", V1 + "\n" + V3);
        MigrationPlan plan = new MigrationPlanner(ExecutionSettings.defaults()).migrate(ProjectStatus.of(c, List.of()), Optional.empty());
        String text = String.join("\n", plan.describe());
        assertTrue(text.contains("in autocommit, statement by statement"), text);
        assertTrue(text.contains("autocommit: line 2: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"), text);
    }
}
