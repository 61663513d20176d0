package dev.sluice;

import java.util.List;

/**
 * What {@code repair} changed in the history table; each line names the migration and the change.
 */
public record RepairResult(List<String> changes) {
    public RepairResult {
        changes = List.copyOf(changes);
    }
}
