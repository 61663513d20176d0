package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.execution.MigrationListener;
import dev.sluice.lint.Severity;
import dev.sluice.migration.Version;
import dev.sluice.monitor.DriftStatus;
import dev.sluice.monitor.HealthReason;
import dev.sluice.monitor.HealthReport;
import dev.sluice.monitor.MonitorSettings;
import dev.sluice.monitor.MonitorSnapshot;
import dev.sluice.monitor.SluiceMetrics;
import dev.sluice.monitor.SluiceMonitor;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor against a real database: what a refresh shows, what health says, what the gauges read, what it costs. */
@ExtendWith(PostgresExtension.class)
class MonitorIT {

    @TempDir
    Path folder;

    private MigrationProject project(TestDatabase db) {
        return new MigrationProject(folder, db)
                .file("V1__customers.sql", "create table customers (id bigint primary key, email text not null);\n")
                .file("V2__nickname.sql", "alter table customers add column nickname varchar(40);\n");
    }

    private static List<HealthReason.Kind> kinds(HealthReport h) {
        return h.reasons().stream().map(HealthReason::kind).toList();
    }

    @Test
    void pendingThenMigratedThenFailed(TestDatabase db) throws Exception {
        MigrationProject files = project(db);
        Sluice sluice = files.sluice();
        SluiceMonitor monitor = sluice.monitor(MonitorSettings.defaults(), Optional.empty());

        MonitorSnapshot fresh = monitor.refresh();
        assertEquals(Optional.empty(), fresh.error());
        assertEquals(Optional.empty(), fresh.current());
        assertEquals(List.of("V1 customers", "V2 nickname"), fresh.pending().stream().map(p -> p.label()).toList());
        assertEquals(Optional.of(Severity.INFO), fresh.pending().get(1).verdict(), "varchar(n): prefer-text");
        assertEquals("prefer-text", fresh.pending().get(1).findings().get(0).rule());
        HealthReport pending = HealthReport.of(fresh, monitor.settings());
        assertEquals(HealthReport.Status.DOWN, pending.status());
        assertEquals(List.of(HealthReason.Kind.PENDING), kinds(pending));
        assertEquals(4, fresh.queries(), "session settings, history table exists?, lock holder, online state table exists?");

        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        MonitorSnapshot migrated = monitor.refresh();
        assertEquals(Optional.of(Version.parse("2")), migrated.current());
        assertEquals(List.of(), migrated.pending());
        assertEquals(2, migrated.history().size());
        assertEquals(5, migrated.queries(), "and the history rows");
        assertTrue(migrated.lastSuccessAt().isPresent());
        assertTrue(migrated.lastDuration().isPresent());
        assertTrue(HealthReport.of(migrated, monitor.settings()).up(), HealthReport.of(migrated, monitor.settings()).toString());

        files.file("V3__broken.sql", "alter table customers add column age int;\nselect 1/0;\n");
        assertThrows(RuntimeException.class, () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
        MonitorSnapshot failed = monitor.refresh();
        assertEquals(List.of("V3"), failed.failed().stream().map(r -> "V" + r.version().orElseThrow()).toList());
        assertEquals(1, failed.failures());
        HealthReport down = HealthReport.of(failed, monitor.settings());
        assertTrue(kinds(down).contains(HealthReason.Kind.FAILED), down.toString());
        HealthReport tolerant = HealthReport.of(failed, monitor.settings().withDownOn(java.util.Set.of(HealthReason.Kind.DRIFT)));
        assertTrue(tolerant.up(), "reasons outside down-on are reported but keep it UP");
        assertFalse(tolerant.reasons().isEmpty());
    }

    @Test
    void aRefreshNeitherWaitsForNorBlocksAMigrationHoldingAnAccessExclusiveLock(TestDatabase db) throws Exception {
        MigrationProject files = project(db);
        Sluice sluice = files.sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        files.file("V3__slow.sql", """
                alter table customers add column age int;
                -- sluice:ignore statements-after-access-exclusive the test holds the migration here
                select pg_advisory_xact_lock(4242);
                """);
        SluiceMonitor monitor = sluice.monitor(MonitorSettings.defaults().withMaxRunning(java.time.Duration.ofMillis(1)), Optional.empty());
        try (Connection gate = db.connect(); Statement s = gate.createStatement()) {
            s.execute("select pg_advisory_lock(4242)");
            CompletableFuture<?> run = CompletableFuture.runAsync(() -> {
                try {
                    sluice.migrate(Optional.empty(), MigrationListener.NONE);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            MonitorSnapshot during = monitor.refresh();
            // Until the run is seen waiting at the gate; before that it may be seen reading its history.
            for (int i = 0; i < 200
                    && !during.run().flatMap(r -> r.statement()).orElse("").contains("pg_advisory_xact_lock"); i++) {
                Thread.sleep(50);
                during = monitor.refresh();
            }
            assertTrue(during.run().isPresent(), "the run holding the lock is seen");
            assertTrue(during.run().get().statement().orElse("").contains("pg_advisory_xact_lock"), during.run().toString());
            assertFalse(run.isDone(), "the migration still holds ACCESS EXCLUSIVE on customers while the refresh returned");
            assertEquals(List.of("V3 slow"), during.pending().stream().map(p -> p.label()).toList(),
                    "its history row is not committed yet");
            assertTrue(kinds(HealthReport.of(during, monitor.settings())).contains(HealthReason.Kind.RUNNING_TOO_LONG));
            assertEquals(DriftStatus.State.NOT_CHECKED, monitor.checkDrift().state(), "no drift check while a run holds the lock");
            s.execute("select pg_advisory_unlock(4242)");
            run.get();
        }
        MonitorSnapshot after = monitor.refresh();
        assertEquals(Optional.empty(), after.run());
        assertEquals(Optional.of(Version.parse("3")), after.current());
    }

    @Test
    void driftIsCheckedOnRequestAndKept(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        SluiceMonitor monitor = sluice.monitor(MonitorSettings.defaults(), Optional.empty());
        assertEquals(DriftStatus.State.NOT_CHECKED, monitor.refresh().drift().state());
        assertEquals(DriftStatus.State.CLEAN, monitor.checkDrift().state());

        db.execute("alter table customers add column by_hand text");
        assertEquals(DriftStatus.State.CLEAN, monitor.refresh().drift().state(), "kept until the next check");
        DriftStatus drift = monitor.checkDrift();
        assertEquals(DriftStatus.State.DRIFTED, drift.state());
        assertEquals(List.of("added column public.customers.by_hand: text"), drift.diff());
        MonitorSnapshot s = monitor.refresh();
        assertEquals(List.of(HealthReason.Kind.DRIFT), kinds(HealthReport.of(s, monitor.settings())));

        SluiceMonitor cheap = sluice.monitor(MonitorSettings.defaults().withDriftMode(MonitorSettings.DriftMode.HISTORY), Optional.empty());
        DriftStatus byFingerprint = cheap.checkDrift();
        assertEquals(DriftStatus.State.DRIFTED, byFingerprint.state());
        assertEquals(List.of(), byFingerprint.diff(), "the history holds a fingerprint, not a schema");
    }

    @Test
    void gaugesReadTheSnapshot(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        SluiceMonitor monitor = sluice.monitor(MonitorSettings.defaults(), Optional.empty());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new SluiceMetrics(monitor, "main").bindTo(registry);
        assertEquals(1.0, registry.get("sluice.migrations.pending").tag("database", "main").gauge().value());
        assertEquals(0.0, registry.get("sluice.health").gauge().value());
        assertEquals(1.0, registry.get("sluice.up").gauge().value());
        assertTrue(Double.isNaN(registry.get("sluice.drift").gauge().value()), "never checked");
        assertTrue(Double.isNaN(registry.get("sluice.backup.age").timeGauge().value()), "no backup");
        double lastSuccess = registry.get("sluice.migrations.last.success").timeGauge().value(java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(Math.abs(lastSuccess - System.currentTimeMillis() / 1000.0) < 3600, "epoch seconds: " + lastSuccess);
    }

    @Test
    void anUnreachableDatabaseIsAReasonNotAnException(TestDatabase db) throws Exception {
        Sluice sluice = new Sluice(dev.sluice.SluiceOptions.builder(new dev.sluice.db.JdbcConnectionFactory(
                        "jdbc:postgresql://127.0.0.1:1/nowhere", "nobody", "secret-password"))
                .source(new dev.sluice.migration.FileSystemMigrationSource(folder)).build());
        MonitorSnapshot s = sluice.monitor(MonitorSettings.defaults(), Optional.empty()).refresh();
        assertTrue(s.error().isPresent());
        assertFalse(s.error().get().contains("secret-password"));
        assertEquals(List.of(HealthReason.Kind.UNREACHABLE), kinds(HealthReport.of(s, MonitorSettings.defaults())));
    }

    @Test
    void anOnlineChangeInProgressShowsItsBackfill(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__items.sql", OnlineBackfillIT.ITEMS)
                .file("V2__upper_labels.yaml", OnlineBackfillIT.CHANGE).sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        SluiceMonitor monitor = sluice.monitor(MonitorSettings.defaults(), Optional.empty());
        assertEquals(Optional.empty(), monitor.refresh().online());

        sluice.start(dev.sluice.online.BackfillSettings.defaults(), dev.sluice.online.OnlineListener.NONE);
        MonitorSnapshot s = monitor.refresh();
        assertEquals("2", s.online().orElseThrow().version());
        assertEquals(OnlineBackfillIT.ROWS, s.backfillRowsTotal());
        assertEquals(OnlineBackfillIT.ROWS, s.backfillRowsDone());
        assertEquals(0.0, s.backfillRate(), "every batch committed before this refresh: nothing moved since");
        assertEquals(7, s.queries(), "and the change in progress with its backfills");

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new SluiceMetrics(monitor, "main").bindTo(registry);
        assertEquals(OnlineBackfillIT.ROWS, registry.get("sluice.backfill.rows").gauge().value());
        assertEquals(OnlineBackfillIT.ROWS, registry.get("sluice.backfill.rows.planned").gauge().value());
    }

    @Test
    void theNewestFullBackupAndItsAgeComeFromTheBackupFolder(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        Path backups = java.nio.file.Files.createDirectories(folder.resolve("backups"));
        java.time.Instant older = java.time.Instant.now().minus(java.time.Duration.ofDays(3));
        java.time.Instant newer = java.time.Instant.now().minus(java.time.Duration.ofHours(2));
        for (java.time.Instant at : List.of(older, newer)) {
            String id = "b" + at.getEpochSecond();
            java.nio.file.Files.writeString(backups.resolve(id + ".json"), "{\"id\": \"" + id + "\", \"kind\": \"full\","
                    + " \"reason\": \"before migrate\", \"database\": \"app\", \"serverVersion\": \"17.6\", \"createdAt\": \"" + at
                    + "\", \"file\": \"" + id + ".dump\", \"sizeBytes\": 1, \"sha256\": null, \"schemaFingerprint\": \"f\","
                    + " \"lastMigration\": null, \"rowCounts\": {}, \"tableCopies\": {}}\n");
        }
        SluiceMonitor monitor = sluice.monitor(MonitorSettings.defaults(), new dev.sluice.backup.BackupSettings(backups,
                Optional.empty(), Optional.empty(), 10, Optional.empty()));
        MonitorSnapshot s = monitor.refresh();
        assertEquals("b" + newer.getEpochSecond(), s.backup().orElseThrow().id());
        long age = s.backupAge().orElseThrow().toMinutes();
        assertTrue(age >= 119 && age < 180, "about two hours: " + age + " min");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new SluiceMetrics(monitor, "main").bindTo(registry);
        double seconds = registry.get("sluice.backup.age").timeGauge().value(java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(seconds >= 7140 && seconds < 10800, "seconds: " + seconds);
    }
}
