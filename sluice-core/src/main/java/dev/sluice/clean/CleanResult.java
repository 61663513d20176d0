package dev.sluice.clean;

import java.util.List;

/**
 * What {@code clean} dropped, or would drop.
 *
 * @param schema     the schema emptied
 * @param statements the DROP statements, in the order they ran (or would run)
 * @param dryRun     true when nothing ran
 */
public record CleanResult(String schema, List<String> statements, boolean dryRun) {
    public CleanResult {
        statements = List.copyOf(statements);
    }
}
