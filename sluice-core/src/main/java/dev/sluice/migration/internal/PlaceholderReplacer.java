package dev.sluice.migration.internal;

import dev.sluice.migration.MigrationFileException;
import dev.sluice.migration.Placeholders;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Replaces {@code ${name}} in a script's text, everywhere in it (comments and string literals included, as
 * Flyway does), before it is parsed. A name with no value is an error naming the file, the line and how to set
 * it, never left in the SQL or replaced by nothing.
 *
 * <p>The run's own values are fixed when the replacer is made (schema, history table, timestamp, working
 * folder) or asked of the database on first use ({@code user}, {@code database}): a project that uses neither
 * resolves its files without a connection, so {@code lint} stays offline.
 */
public final class PlaceholderReplacer {

    /** The database's values of {@code user} and {@code database}; asked once, when a file first needs one. */
    public interface DatabaseValues {
        Map<String, String> get();
    }

    /** A replacer that leaves every text as written. */
    public static final PlaceholderReplacer NONE = new PlaceholderReplacer(Placeholders.off(), Map.of(), Map::of);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String PREFIX = "${";
    private static final String SUFFIX = "}";

    private final Placeholders settings;
    private final Map<String, String> runValues;
    private final DatabaseValues database;
    private Map<String, String> databaseValues;

    private PlaceholderReplacer(Placeholders settings, Map<String, String> runValues, DatabaseValues database) {
        this.settings = settings;
        this.runValues = runValues;
        this.database = database;
    }

    /**
     * @param schema   the schema of the history table ({@code defaultSchema})
     * @param table    the history table ({@code table})
     * @param database {@code user} and {@code database} as the server says them
     */
    public static PlaceholderReplacer of(Placeholders settings, String schema, String table, DatabaseValues database) {
        if (!settings.enabled()) {
            return NONE;
        }
        Map<String, String> run = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        run.put("defaultSchema", schema);
        run.put("table", table);
        run.put("timestamp", LocalDateTime.now().format(TIMESTAMP));
        run.put("workingDirectory", Path.of("").toAbsolutePath().toString());
        return new PlaceholderReplacer(settings, run, database);
    }

    /**
     * The text with every placeholder replaced.
     *
     * @param path the file as messages name it
     * @param name the file's name ({@code filename})
     * @throws MigrationFileException naming the first placeholder without a value, with its line
     */
    public String replace(String path, String name, String text) {
        if (!settings.enabled() || !text.contains(PREFIX)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf(PREFIX, from);
            int end = start < 0 ? -1 : text.indexOf(SUFFIX, start + PREFIX.length());
            if (start < 0 || end < 0) {
                out.append(text, from, text.length());
                return out.toString();
            }
            String placeholder = text.substring(start + PREFIX.length(), end);
            out.append(text, from, start);
            out.append(value(placeholder, name).orElseThrow(() -> new MigrationFileException(path, lineOf(text, start),
                    "no value for placeholder ${" + placeholder + "}: set placeholders." + placeholder + " in sluice.conf"
                            + (placeholder.matches("[A-Za-z0-9_]+") ? " or SLUICE_PLACEHOLDERS_" + placeholder.toUpperCase(Locale.ROOT)
                            + " in the environment" : "") + ", or run files as written with placeholder-replacement = false")));
            from = end + SUFFIX.length();
        }
    }

    private Optional<String> value(String placeholder, String fileName) {
        String lower = placeholder.toLowerCase(Locale.ROOT);
        String builtIn = lower.startsWith(Placeholders.FLYWAY_PREFIX) ? placeholder.substring(Placeholders.FLYWAY_PREFIX.length())
                : lower.startsWith(Placeholders.SLUICE_PREFIX) ? placeholder.substring(Placeholders.SLUICE_PREFIX.length()) : null;
        if (builtIn == null) {
            return Optional.ofNullable(settings.values().get(placeholder));
        }
        if (builtIn.equalsIgnoreCase("filename")) {
            return Optional.of(fileName);
        }
        if (builtIn.equalsIgnoreCase("user") || builtIn.equalsIgnoreCase("database")) {
            if (databaseValues == null) {
                Map<String, String> asked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                asked.putAll(database.get());
                databaseValues = asked;
            }
            return Optional.ofNullable(databaseValues.get(builtIn));
        }
        return Optional.ofNullable(runValues.get(builtIn));
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
