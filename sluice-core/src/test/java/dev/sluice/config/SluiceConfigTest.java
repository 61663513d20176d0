package dev.sluice.config;

import dev.sluice.lint.Severity;
import dev.sluice.online.BackfillSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SluiceConfigTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNoSettingsUnlessItWasNamed() {
        Path file = dir.resolve(SluiceConfig.FILE_NAME);
        assertEquals(Optional.empty(), SluiceConfig.load(file, false).get("url"));
        ConfigException e = assertThrows(ConfigException.class, () -> SluiceConfig.load(file, true));
        assertEquals("config file " + file + " does not exist", e.getMessage());
    }

    @Test
    void blockerGraceSetsHowOldATransactionIsBeforeItIsWaitedOut() {
        assertEquals(Duration.ofMillis(50), SluiceConfig.empty().execution().blockerGrace());
        assertEquals(Duration.ofHours(1), SluiceConfig.of(java.util.Map.of("blocker-grace", "1h"), "test").execution().blockerGrace());
    }

    @Test
    void anUnknownKeyIsNamedWithTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve(SluiceConfig.FILE_NAME), "lock-timout = 3s\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SluiceConfig.load(file, false));
        assertTrue(e.getMessage().startsWith(file + ": unknown setting lock-timout; known settings: "), e.getMessage());
    }

    @Test
    void typedValuesAreReadAndBadOnesNameTheirOrigin() throws Exception {
        Path file = Files.writeString(dir.resolve(SluiceConfig.FILE_NAME),
                "lock-timeout = 3s\nembedded = off\nlint.severity.create-index-non-concurrently = warning\nbackup-keep = 0\n");
        SluiceConfig config = SluiceConfig.load(file, false);
        assertEquals(Duration.ofSeconds(3), config.execution().lockTimeout());
        assertEquals(Optional.of(false), config.getBoolean("embedded"));
        assertEquals(Severity.WARNING, config.lint().severities().get("create-index-non-concurrently"));
        ConfigException e = assertThrows(ConfigException.class, () -> config.wholeNumber("backup-keep", 1));
        assertEquals(file + ": 'backup-keep' must be a whole number of at least 1, not '0'", e.getMessage());
    }

    @Test
    void anUnknownRuleIdIsAnError() {
        SluiceConfig config = SluiceConfig.of(Map.of("lint.disable", "no-such-rule"), "pom.xml");
        ConfigException e = assertThrows(ConfigException.class, config::lint);
        assertEquals("pom.xml: 'lint.disable' names unknown lint rule 'no-such-rule'; 'sluice lint --list-rules' lists them",
                e.getMessage());
    }

    @Test
    void theEnvironmentOverridesTheFileAndIsNamedInErrors() throws Exception {
        Path file = Files.writeString(dir.resolve(SluiceConfig.FILE_NAME), "lock-timeout = 3s\nstatement-timeout = 1min\n");
        SluiceConfig config = SluiceConfig.load(file, false).overriddenBy(SluiceConfig.fromEnvironment(Map.of(
                "SLUICE_LOCK_TIMEOUT", "500ms", "SLUICE_LINT_PG_VERSION", "fifteen", "SLUICE_TEST_URL", "ignored")));
        assertEquals(Duration.ofMillis(500), config.execution().lockTimeout());
        assertEquals(Duration.ofMinutes(1), config.execution().statementTimeout());
        ConfigException e = assertThrows(ConfigException.class, config::lint);
        assertEquals("environment variable SLUICE_LINT_PG_VERSION: 'lint.pg-version' must be a major version like 14, not 'fifteen'",
                e.getMessage());
    }

    @Test
    void environmentNamesFollowTheKey() {
        assertEquals("SLUICE_LINT_GATE_SMALL_TABLE", SluiceConfig.environmentName("lint.gate.small-table"));
        assertEquals(Optional.of("jdbc:postgresql://h/db"),
                SluiceConfig.fromEnvironment(Map.of("SLUICE_URL", " jdbc:postgresql://h/db ")).get("url"));
    }

    @Test
    void monitoringSettingsAreReadAndBadReasonsNamed() {
        dev.sluice.monitor.MonitorSettings m = SluiceConfig.of(java.util.Map.of("health.max-running", "10min",
                "health.down-on", "failed, running-too-long", "monitor.max-age", "2s", "monitor.drift", "history"), "test").monitor();
        assertEquals(java.time.Duration.ofMinutes(10), m.maxRunning());
        assertEquals(java.util.Set.of(dev.sluice.monitor.HealthReason.Kind.FAILED, dev.sluice.monitor.HealthReason.Kind.RUNNING_TOO_LONG),
                m.downOn());
        assertEquals(java.time.Duration.ofSeconds(2), m.maxAge());
        assertEquals(dev.sluice.monitor.MonitorSettings.DriftMode.HISTORY, m.driftMode());
        assertEquals(java.util.Set.of(), SluiceConfig.of(java.util.Map.of("health.down-on", "none"), "test").monitor().downOn());
        ConfigException e = assertThrows(ConfigException.class,
                () -> SluiceConfig.of(java.util.Map.of("health.down-on", "pending,lag"), "test").monitor());
        assertTrue(e.getMessage().startsWith("test: 'health.down-on' names unknown reason 'lag'"), e.getMessage());
    }

    @Test
    void watchedDatabasesComeFromTheFileAndTheEnvironment() {
        SluiceConfig file = SluiceConfig.of(java.util.Map.of("watch.staging.url", "jdbc:postgresql://staging/app",
                "watch.staging.user", "monitor"), "sluice.conf");
        SluiceConfig env = SluiceConfig.fromEnvironment(java.util.Map.of("SLUICE_WATCH_EU_WEST_URL", "jdbc:postgresql://eu/app",
                "SLUICE_WATCH_STAGING_PASSWORD", "s3cret"));
        java.util.List<WatchedDatabase> watched = file.overriddenBy(env).watched();
        assertEquals(java.util.List.of("eu-west", "staging"), watched.stream().map(WatchedDatabase::name).toList());
        assertEquals(Optional.of("s3cret"), watched.get(1).password());
        assertFalse(watched.get(1).toString().contains("s3cret"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> SluiceConfig.of(java.util.Map.of("watch.prod.user", "x"), "sluice.conf").watched());
        assertEquals("sluice.conf: 'watch.prod.user' is set but 'watch.prod.url' is not; give the watched database's JDBC URL",
                e.getMessage());
        assertThrows(ConfigException.class, () -> SluiceConfig.of(java.util.Map.of("watch.prod.host", "x"), "sluice.conf"));
    }

    @Test
    void backfillThrottlingLimitsComeFromTheFileAndTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve(SluiceConfig.FILE_NAME),
                "lock-timeout = 3s\nbackfill.batch-size = 200\nbackfill.max-replication-lag = 64MB\nbackfill.max-lock-waits = off\n");
        SluiceConfig config = SluiceConfig.load(file, false)
                .overriddenBy(SluiceConfig.fromEnvironment(Map.of("SLUICE_BACKFILL_BATCH_PAUSE", "20ms")));
        BackfillSettings b = config.backfill();
        assertEquals(200, b.batchSize());
        assertEquals(Duration.ofMillis(20), b.pause());
        assertEquals(Duration.ofSeconds(3), b.lockTimeout());
        assertEquals(OptionalLong.of(64L << 20), b.maxReplicationLag());
        assertEquals(OptionalInt.empty(), b.maxLockWaits());
        assertEquals(BackfillSettings.defaults().maxLockWaits(), SluiceConfig.empty().backfill().maxLockWaits());

        SluiceConfig bad = SluiceConfig.fromEnvironment(Map.of("SLUICE_BACKFILL_MAX_REPLICATION_LAG", "lots"));
        ConfigException e = assertThrows(ConfigException.class, bad::backfill);
        assertEquals("environment variable SLUICE_BACKFILL_MAX_REPLICATION_LAG: 'backfill.max-replication-lag': 'lots' is not a size:"
                + " write e.g. 8192, 64kB, 10MB or 1GB, or off", e.getMessage());
    }
}
