package dev.sluice.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an online change will do in each phase, computed from its operations and the tables as they are.
 * A plan is data: it is printed by {@code --dry-run} and tested without running it.
 *
 * @param version    the migration's version
 * @param viewSchema the schema of views that holds the new version
 * @param oldSchema  where the old version lives: the previous change's view schema, or the base schema
 * @param start      the expand steps (one transaction)
 * @param backfills  the tables whose existing rows are filled in batches after start
 * @param complete   the contract steps
 * @param rollback   the steps that return the schema before start
 */
public record OnlinePlan(String version, String viewSchema, String oldSchema, List<OnlineStep> start,
                         List<String> backfills, List<OnlineStep> complete, List<OnlineStep> rollback) {

    public OnlinePlan {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(viewSchema, "viewSchema");
        Objects.requireNonNull(oldSchema, "oldSchema");
        start = List.copyOf(start);
        backfills = List.copyOf(backfills);
        complete = List.copyOf(complete);
        rollback = List.copyOf(rollback);
    }

    /** The whole plan as text. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("online change V" + version + ": new version in schema " + viewSchema + ", old version in " + oldSchema);
        lines.add("start:");
        start.forEach(s -> lines.addAll(s.describe()));
        for (String table : backfills) {
            lines.add("  backfill " + table + ": batches keyed on the primary key, each its own transaction under lock_timeout");
        }
        lines.add("complete:");
        complete.forEach(s -> lines.addAll(s.describe()));
        lines.add("rollback (before complete):");
        rollback.forEach(s -> lines.addAll(s.describe()));
        return lines;
    }
}
