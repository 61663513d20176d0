package dev.sluice.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.monitor.HealthReason;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spring.sluice properties reach Sluice as its own keys, and an IDE knows every one of them. */
class SluicePropertiesTest {

    @Test
    void everyPropertyBecomesTheSluiceConfKeyItNames() {
        SluiceProperties p = new SluiceProperties();
        p.setLockTimeout(Duration.ofMillis(200));
        p.setStatementTimeout(Duration.ofMinutes(1));
        p.setLockWait(Duration.ofSeconds(5));
        p.setRetryDeadline(Duration.ofSeconds(90));
        p.setBlockerGrace(Duration.ofHours(1));
        p.setMaxBlockerAge(Duration.ofSeconds(30));
        p.setIdleTimeout(Duration.ofMinutes(2));
        p.setReconnectWait(Duration.ofSeconds(20));
        p.setSchema("app");
        p.setTable("migrations");
        p.getLint().setDisable(List.of("drop-column"));
        p.getLint().setSeverity(Map.of("create-index-non-concurrently", "warning"));
        p.getLint().setPgVersion(15);
        p.getHealth().setDownOn(List.of("failed", "drift"));
        p.getHealth().setMaxRunning(Duration.ofMinutes(5));
        p.getMonitor().setMaxAge(Duration.ofSeconds(1));

        SluiceConfig config = SluiceConfig.of(p.toSettings(), "the spring.sluice properties");
        ExecutionSettings e = config.execution();
        assertEquals(Duration.ofMillis(200), e.lockTimeout());
        assertEquals(Duration.ofMinutes(1), e.statementTimeout());
        assertEquals(Duration.ofSeconds(5), e.lockWait());
        assertEquals(Duration.ofSeconds(90), e.retryDeadline());
        assertEquals(Duration.ofHours(1), e.blockerGrace());
        assertEquals(Duration.ofSeconds(30), e.maxBlockerAge());
        assertEquals(Duration.ofMinutes(2), e.idleTimeout());
        assertEquals(Duration.ofSeconds(20), e.reconnectWait());
        assertEquals("app", config.get("schema").orElseThrow());
        assertEquals("migrations", config.get("table").orElseThrow());
        assertEquals(Set.of("drop-column"), config.lint().disabled());
        assertEquals(15, config.lint().pgVersion());
        assertEquals(Set.of(HealthReason.Kind.FAILED, HealthReason.Kind.DRIFT), config.monitor().downOn());
        assertEquals(Duration.ofMinutes(5), config.monitor().maxRunning());
        assertEquals(Duration.ofSeconds(1), config.monitor().maxAge());
        assertEquals("classpath:db/migration", config.get("locations").orElseThrow(), "Flyway's location by default");
    }

    @Test
    void unsetPropertiesLeaveSluicesDefaultsAndTheEnvironmentInCharge() {
        Map<String, String> settings = new SluiceProperties().toSettings();
        assertEquals(Set.of("locations"), settings.keySet());
        SluiceConfig config = SluiceConfig.fromEnvironment(Map.of("SLUICE_LOCK_TIMEOUT", "3s"))
                .overriddenBy(SluiceConfig.of(settings, "the spring.sluice properties"));
        assertEquals(Duration.ofSeconds(3), config.execution().lockTimeout());
    }

    @Test
    void aBadValueIsRefusedNamingTheProperties() {
        SluiceProperties p = new SluiceProperties();
        p.getLint().setDisable(List.of("no-such-rule"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> SluiceConfig.of(p.toSettings(), "the spring.sluice properties").lint());
        assertTrue(e.getMessage().startsWith("the spring.sluice properties: 'lint.disable' names unknown lint rule 'no-such-rule'"),
                e.getMessage());
    }

    @Test
    void theMetadataForIdeCompletionListsEveryPropertyWithItsDescription() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "the configuration processor wrote the metadata");
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.path("properties")) {
            names.add(property.path("name").asText());
            if (property.path("name").asText().startsWith("spring.sluice.")) {
                assertFalse(property.path("description").asText().isBlank(), "described: " + property);
            }
        }
        for (String name : List.of("spring.sluice.enabled", "spring.sluice.locations", "spring.sluice.lint.fail-on-error",
                "spring.sluice.lock-timeout", "spring.sluice.retry-deadline", "spring.sluice.blocker-grace",
                "spring.sluice.health.down-on", "spring.sluice.health.drift-check", "management.health.sluice.enabled")) {
            assertTrue(names.contains(name), name + " in " + names);
        }
        assertEquals("2s", property(metadata, "spring.sluice.lock-timeout").path("defaultValue").asText());
        assertTrue(property(metadata, "spring.sluice.lint.fail-on-error").path("defaultValue").asBoolean());
        boolean hinted = false;
        for (JsonNode hint : metadata.path("hints")) {
            hinted |= hint.path("name").asText().equals("spring.sluice.health.down-on") && hint.path("values").size() == 7;
        }
        assertTrue(hinted, "the health reasons are offered as values");
    }

    private static JsonNode property(JsonNode metadata, String name) {
        for (JsonNode property : metadata.path("properties")) {
            if (property.path("name").asText().equals(name)) {
                return property;
            }
        }
        throw new AssertionError("no property " + name);
    }
}
