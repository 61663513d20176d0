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
