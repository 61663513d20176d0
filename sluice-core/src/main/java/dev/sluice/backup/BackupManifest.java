package dev.sluice.backup;

import dev.sluice.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a backup holds and how to check it, written as {@code <id>.json} beside the dump file.
 *
 * @param id                sortable by time, e.g. {@code 20261122-002500-123}
 * @param kind              a full dump, or copies of some tables inside the database
 * @param reason            why it was taken: by hand, before a migration, before a restore
 * @param database          the source database's URL, password masked
 * @param serverVersion     the source server's version, e.g. {@code 15.14}
 * @param createdAt         when the backup finished
 * @param file              the dump file's name in the backup folder (full backups)
 * @param sizeBytes         the dump file's size (full backups)
 * @param sha256            the dump file's SHA-256 (full backups)
 * @param schemaFingerprint the source schema's fingerprint at backup time
 * @param lastMigration     the newest applied migration version at backup time
 * @param rowCounts         exact {@code count(*)} per table ({@code schema.table})
 * @param tableCopies       table to its copy in the {@code sluice_backup} schema (table backups)
 */
public record BackupManifest(String id, Kind kind, String reason, String database, String serverVersion, Instant createdAt,
                             Optional<String> file, long sizeBytes, Optional<String> sha256, String schemaFingerprint,
                             Optional<String> lastMigration, Map<String, Long> rowCounts, Map<String, String> tableCopies) {

    public enum Kind { FULL, TABLES }

    public BackupManifest {
        rowCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(rowCounts));
        tableCopies = java.util.Collections.unmodifiableMap(new TreeMap<>(tableCopies));
    }

    public int serverMajor() {
        return Integer.parseInt(serverVersion.replaceAll("^(\\d+).*", "$1"));
    }

    public BackupManifest withRowCounts(Map<String, Long> counts) {
        return new BackupManifest(id, kind, reason, database, serverVersion, createdAt, file, sizeBytes, sha256,
                schemaFingerprint, lastMigration, counts, tableCopies);
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        m.put("reason", reason);
        m.put("database", database);
        m.put("serverVersion", serverVersion);
        m.put("createdAt", createdAt.toString());
        m.put("file", file.orElse(null));
        m.put("sizeBytes", sizeBytes);
        m.put("sha256", sha256.orElse(null));
        m.put("schemaFingerprint", schemaFingerprint);
        m.put("lastMigration", lastMigration.orElse(null));
        m.put("rowCounts", rowCounts);
        m.put("tableCopies", tableCopies);
        return Json.write(m) + "\n";
    }

    @SuppressWarnings("unchecked")
    static BackupManifest fromJson(String json) {
        Map<String, Object> m = (Map<String, Object>) Json.read(json);
        Map<String, Long> counts = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("rowCounts", Map.of())).forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
        Map<String, String> copies = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("tableCopies", Map.of())).forEach((k, v) -> copies.put(k, (String) v));
        return new BackupManifest((String) m.get("id"),
                Kind.valueOf(((String) m.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                (String) m.getOrDefault("reason", ""), (String) m.get("database"), (String) m.get("serverVersion"),
                Instant.parse((String) m.get("createdAt")), Optional.ofNullable((String) m.get("file")),
                m.get("sizeBytes") == null ? 0 : ((Number) m.get("sizeBytes")).longValue(),
                Optional.ofNullable((String) m.get("sha256")), (String) m.get("schemaFingerprint"),
                Optional.ofNullable((String) m.get("lastMigration")), counts, copies);
    }
}
