package dev.sluice.migration.internal;

/**
 * Reads an online migration file while migrations are resolved, so a broken YAML file is reported with
 * the others, before anything connects. The parser lives with the operations ({@code dev.sluice.online});
 * this interface keeps the migration package from depending on it.
 */
@FunctionalInterface
public interface OnlineFileCheck {

    /** Accepts every file; the file is then read when its change starts. */
    OnlineFileCheck NONE = (path, text) -> {
    };

    /**
     * @throws MigrationFileException naming the file and line of what is wrong
     */
    void check(String path, String text);
}
