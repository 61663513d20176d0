package dev.sluice.migration;

import java.util.Objects;

/**
 * A SQL callback file found among the migrations ({@code beforeMigrate.sql}, {@code afterEachMigrate__audit.sql}).
 * It is not a migration: it has no version, no history row and no checksum, and it runs again at every event.
 *
 * @param event when it runs
 * @param path  where it is, as messages name it
 * @param body  its statements, placeholders replaced
 */
public record Callback(CallbackEvent event, String path, SqlMigrationBody body) {
    public Callback {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }
}
