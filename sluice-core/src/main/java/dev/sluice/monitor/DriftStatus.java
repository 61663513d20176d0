package dev.sluice.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of the monitor's last drift check, kept between refreshes since a check reads the whole
 * schema and, in {@link MonitorSettings.DriftMode#REBUILD}, rebuilds it on a scratch server.
 *
 * @param state     where it stands
 * @param checkedAt when the check finished; empty when never checked
 * @param mode      how it compared ({@code REBUILD} or {@code HISTORY}); empty when never checked
 * @param diff      what differs, from expected to live, one line per object; empty in HISTORY mode
 * @param message   a sentence for a person: why it was not checked, what failed, or the summary
 */
public record DriftStatus(State state, Optional<Instant> checkedAt, Optional<MonitorSettings.DriftMode> mode, List<String> diff,
                          String message) {

    public enum State {
        NOT_CHECKED, CLEAN, DRIFTED, ERROR
    }

    public DriftStatus {
        diff = List.copyOf(diff);
    }

    public static DriftStatus notChecked(String why) {
        return new DriftStatus(State.NOT_CHECKED, Optional.empty(), Optional.empty(), List.of(), why);
    }

    public static DriftStatus failed(Instant at, MonitorSettings.DriftMode mode, String why) {
        return new DriftStatus(State.ERROR, Optional.of(at), Optional.of(mode), List.of(), why);
    }
}
