package dev.sluice.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestTest {

    @Test
    void manifestSurvivesJson() {
        BackupManifest m = new BackupManifest("20261122-002500-123", BackupManifest.Kind.FULL, "by \"hand\"\n",
                "jdbc:postgresql://h/db?password=****", "15.14", Instant.parse("2026-11-22T00:25:00.123Z"),
                Optional.of("20261122-002500-123.dump"), 1234, Optional.of("ab12"), "ff00", Optional.of("1.2"),
                Map.of("public.b", 2L, "public.a", 10_000_000_000L), Map.of());
        BackupManifest back = BackupManifest.fromJson(m.toJson());
        assertEquals(m, back);
        assertEquals(15, back.serverMajor());
        assertTrue(m.toJson().indexOf("public.a") < m.toJson().indexOf("public.b"), "tables sorted");
    }

    @Test
    void retentionKeepsTheNewestOfEachKindAndYoungOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        BackupStore store = new BackupStore(dir);
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        for (int i = 0; i < 4; i++) {
            Instant at = now.minus(java.time.Duration.ofHours(10 - i));
            store.save(new BackupManifest(store.newId(at, BackupManifest.Kind.FULL), BackupManifest.Kind.FULL, "", "db", "15.1",
                    at, Optional.of("x.dump"), 1, Optional.of("s"), "f", Optional.empty(), Map.of(), Map.of()));
        }
        assertEquals(2, store.expired(2, Optional.empty(), now).size());
        assertEquals(1, store.expired(2, Optional.of(java.time.Duration.ofMinutes(9 * 60 + 30)), now).size());
        assertEquals(0, store.expired(10, Optional.empty(), now).size());
    }
}
