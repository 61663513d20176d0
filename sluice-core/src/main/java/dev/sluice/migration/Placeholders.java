package dev.sluice.migration;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flyway's placeholders: {@code ${name}} in a SQL migration is replaced by a configured value before the
 * file is parsed and run ({@code placeholders.<name>} in {@code sluice.conf}, {@code SLUICE_PLACEHOLDERS_<NAME>}
 * in the environment). Names compare without case, as in Flyway, so an environment variable (whose name is
 * read in lower case) sets {@code ${tableOwner}}. Besides the configured values, each run knows
 * {@code ${flyway:defaultSchema}}, {@code ${flyway:user}}, {@code ${flyway:database}},
 * {@code ${flyway:timestamp}}, {@code ${flyway:filename}}, {@code ${flyway:table}} and
 * {@code ${flyway:workingDirectory}}, also spelled {@code ${sluice:…}}.
 *
 * <p>Hazard: checksums are taken over the file as written, before replacement (as Flyway does), so a value
 * that differs between environments never makes an applied file look edited; it also means that changing a
 * value does not re-apply a repeatable migration.
 *
 * @param enabled whether {@code ${…}} is replaced at all ({@code placeholder-replacement = false} runs files as written)
 * @param values  the configured values by name, as written
 */
public record Placeholders(boolean enabled, Map<String, String> values) {

    /** The prefixes of the names whose values each run supplies. */
    public static final String FLYWAY_PREFIX = "flyway:";
    public static final String SLUICE_PREFIX = "sluice:";

    public Placeholders {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(FLYWAY_PREFIX) || lower.startsWith(SLUICE_PREFIX)) {
                throw new IllegalArgumentException("placeholder '" + name + "' is set by each run and cannot be configured");
            }
            copy.put(name, value);
        });
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /** Replacement on, no configured values: only the built-in names resolve. */
    public static Placeholders defaults() {
        return new Placeholders(true, Map.of());
    }

    /** Replacement off: every file runs as written. */
    public static Placeholders off() {
        return new Placeholders(false, Map.of());
    }
}
