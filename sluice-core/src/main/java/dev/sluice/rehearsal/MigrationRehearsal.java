package dev.sluice.rehearsal;

import java.util.List;

/**
 * The rehearsal of one migration.
 *
 * @param label    e.g. {@code V3 add orders}
 * @param script   the up's file or class
 * @param verdict  how it fared
 * @param problems what did not hold, each a sentence with the diff or message behind it
 * @param millis   how long its rehearsal took (up, down, up again, snapshots)
 */
public record MigrationRehearsal(String label, String script, Verdict verdict, List<String> problems, long millis) {
    public MigrationRehearsal {
        problems = List.copyOf(problems);
    }
}
