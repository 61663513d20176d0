package dev.sluice.migration;

import java.util.Objects;

/**
 * A SQL file found by a {@link MigrationSource}.
 *
 * @param name     the file name, e.g. {@code V1__init.sql}
 * @param path     where it is, relative to the migrations folder or classpath location, as shown in
 *                 messages and recorded in the history
 * @param text     its content
 */
public record ScriptResource(String name, String path, String text) {
    public ScriptResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }
}
