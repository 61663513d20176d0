package dev.sluice.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of an online change with its decisions made: the statements, whether they run in one
 * transaction, and which locks they take. What {@code --dry-run} prints is what runs.
 *
 * @param description   what the step does, for people
 * @param sql           the statements, in order
 * @param transactional all statements in one transaction (under {@code lock_timeout}, retried as a whole
 *                      on a lock timeout), or each on its own in autocommit
 * @param locks         the locks taken and for how long, for people
 */
public record OnlineStep(String description, List<String> sql, boolean transactional, String locks) {

    public OnlineStep {
        Objects.requireNonNull(description, "description");
        sql = List.copyOf(sql);
        Objects.requireNonNull(locks, "locks");
    }

    /** Printable lines. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("  " + description + "  [" + (transactional ? "one transaction" : "autocommit, statement by statement")
                + "; " + locks + "]");
        for (String s : sql) {
            for (String line : s.split("\n")) {
                lines.add("      " + line);
            }
        }
        return lines;
    }
}
