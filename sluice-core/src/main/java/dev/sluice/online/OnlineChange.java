package dev.sluice.online;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An online change as the database records it: in progress (started, not yet completed) or the newest
 * completed one, with the schema each version lives in.
 *
 * @param version     the migration's version
 * @param description its description
 * @param script      its file
 * @param phase       {@code STARTED} or {@code COMPLETED}
 * @param oldSchema   where the old version lives while the change is in progress
 * @param newSchema   the schema of views of the new version; complete drops it, since the physical
 *                    tables then have the new shape
 * @param startedAt   when start committed
 * @param completedAt when complete committed
 * @param backfills   each backfilled table's progress
 */
public record OnlineChange(String version, String description, String script, String phase, String oldSchema,
                           String newSchema, Instant startedAt, Optional<Instant> completedAt,
                           List<BackfillProgress> backfills) {

    public static final String STARTED = "STARTED";
    public static final String COMPLETED = "COMPLETED";

    public OnlineChange {
        backfills = List.copyOf(backfills);
    }

    public boolean inProgress() {
        return STARTED.equals(phase);
    }
}
