package dev.sluice.migration;

import dev.sluice.migration.Version;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's naming, so an existing Flyway project works unchanged: {@code V1_2__add_users.sql} (up),
 * {@code U1_2__add_users.sql} (down), {@code R__views.sql} (repeatable); Java classes follow the same form
 * without the extension.
 *
 * @param kind        {@code 'V'}, {@code 'U'} or {@code 'R'}
 * @param version     empty for {@code R}
 * @param description underscores shown as spaces
 */
public record MigrationFileName(char kind, Optional<Version> version, String description) {

    private static final Pattern VERSIONED = Pattern.compile("([VU])(\\d[\\d._]*?)__(.+)");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)");

    /**
     * Parses a name without its extension.
     *
     * @return empty when the name follows none of the forms
     */
    public static Optional<MigrationFileName> parse(String baseName) {
        Matcher v = VERSIONED.matcher(baseName);
        if (v.matches()) {
            String versionText = v.group(2);
            if (versionText.endsWith(".") || versionText.endsWith("_")) {
                return Optional.empty();
            }
            return Optional.of(new MigrationFileName(v.group(1).charAt(0), Optional.of(Version.parse(versionText)),
                    describe(v.group(3))));
        }
        Matcher r = REPEATABLE.matcher(baseName);
        if (r.matches()) {
            return Optional.of(new MigrationFileName('R', Optional.empty(), describe(r.group(1))));
        }
        return Optional.empty();
    }

    /** Whether a file of this name is read as a migration: SQL, or an online migration in YAML. */
    public static boolean isMigrationFile(String fileName) {
        return fileName.endsWith(".sql") || isOnlineFile(fileName);
    }

    /** Whether a file of this name is an online migration ({@code V3__rename_email.yaml}). */
    public static boolean isOnlineFile(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml");
    }

    /**
     * Whether a SQL file has the header {@code -- sluice:online} (before its first statement): its statements
     * are then online operations, read by {@code dev.sluice.online} like a YAML file's, and not linted as
     * plain SQL.
     */
    public static boolean hasOnlineHeader(String path, String text) {
        return hasHeader(path, text, "online");
    }

    /**
     * Whether a SQL file has the header {@code -- sluice:rewrite} (before its first statement): its one
     * {@code ALTER TABLE} then runs as a shadow-table rewrite ({@code dev.sluice.rewrite}), not in place.
     */
    public static boolean hasRewriteHeader(String path, String text) {
        return hasHeader(path, text, "rewrite");
    }

    private static boolean hasHeader(String path, String text, String keyword) {
        dev.sluice.sql.SqlScript script;
        try {
            script = dev.sluice.sql.internal.StatementSplitter.split(text, path);
        } catch (dev.sluice.sql.SqlParseException e) {
            return false;
        }
        int first = script.statements().isEmpty() ? Integer.MAX_VALUE : script.statements().get(0).line();
        return script.directives().stream().anyMatch(d -> d.keyword().equals(keyword) && d.line() < first);
    }

    /** The name without its {@code .sql}, {@code .yaml} or {@code .yml}. */
    public static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    private static String describe(String raw) {
        return raw.replace('_', ' ').strip();
    }

    /** The message for a name that matches no form, with the forms spelled out. */
    public static String expectedForms() {
        return "name it V<version>__<description>.sql (up), U<version>__<description>.sql (down) or R__<description>.sql (repeatable); an online change is V<version>__<description>.yaml";
    }
}
