package dev.sluice.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project's {@code sluice.conf}: Java properties, {@code key = value}, one per line. Unknown keys
 * are an error naming the key, so a typo ({@code lock-timout}) does not silently fall back to a default.
 */
final class ProjectConfig {

    static final String FILE_NAME = "sluice.conf";
    static final Set<String> KEYS = Set.of("url", "user", "password", "schema", "table", "locations", "embedded",
            "strict", "lock-timeout", "statement-timeout", "lock-wait", "java-package",
            "retry-deadline", "max-blocker-age", "idle-timeout", "reconnect-wait", "seeds", "rehearse.irreversible", "schema-file",
            "lint.disable", "lint.pg-version", "lint.start-after", "lint.gate.small-table",
            // Backups and the pre-migration checklist (docs/backup.md).
            "pg-dump", "pg-restore", "backup-dir", "backup-before-migrate", "backup-keep", "backup-max-keep-age",
            "backup-max-age", "backup-space-factor", "health-url");
    /** Keys with a rule id after the prefix: {@code lint.severity.<rule-id> = error|warning|info}. */
    static final String LINT_SEVERITY_PREFIX = "lint.severity.";

    private final Path file;
    private final Properties values;

    private ProjectConfig(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /** The config in {@code projectDir}, or an empty one when the file does not exist. */
    static ProjectConfig load(Path projectDir, Optional<Path> explicit) {
        Path file = explicit.orElse(projectDir.resolve(FILE_NAME));
        Properties props = new Properties();
        if (!Files.exists(file)) {
            if (explicit.isPresent()) {
                throw new CliException(ExitCodes.USAGE, "config file " + file + " does not exist");
            }
            return new ProjectConfig(file, props);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, file + ": cannot be read: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
        unknown.removeAll(KEYS);
        unknown.removeIf(k -> k.startsWith(LINT_SEVERITY_PREFIX));
        if (!unknown.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, file + ": unknown setting " + String.join(", ", unknown)
                    + "; known settings: " + String.join(", ", new TreeSet<>(KEYS)));
        }
        return new ProjectConfig(file, props);
    }

    Optional<String> get(String key) {
        String v = values.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    Optional<Boolean> getBoolean(String key) {
        return get(key).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new CliException(ExitCodes.USAGE, file + ": '" + key + "' must be true or false, not '" + v + "'");
        });
    }

    /** The keys that start with {@code prefix}, sorted. */
    java.util.SortedSet<String> keysStartingWith(String prefix) {
        java.util.SortedSet<String> keys = new TreeSet<>();
        for (String k : values.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                keys.add(k);
            }
        }
        return keys;
    }

    Path file() {
        return file;
    }
}
