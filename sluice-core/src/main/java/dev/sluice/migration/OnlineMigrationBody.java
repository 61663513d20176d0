package dev.sluice.migration;

import java.util.Objects;

/**
 * An online migration file ({@code V3__rename_email.yaml}): expand/contract operations that
 * {@code dev.sluice.online} reads and runs as start, complete and rollback. The plain executor never
 * runs it; it is here so that resolution orders, checksums and records it like any versioned migration.
 *
 * @param name the file's path relative to its migrations folder, as shown in messages
 * @param text the YAML as written
 */
public record OnlineMigrationBody(String name, String text) implements MigrationBody {

    public OnlineMigrationBody {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /** Its phases are several short transactions and batches, never one transaction. */
    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public ScriptSettings settings() {
        return ScriptSettings.DEFAULTS;
    }
}
