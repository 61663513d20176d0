package dev.sluice.cli;

import dev.sluice.migration.DurationText;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bar and estimate at the end of a progress line: {@code  [########------------] 3/8, about 12s left}.
 * The estimate is the mean time of the finished items times the items left, less what the current one has
 * already taken; before the first item finishes there is none.
 */
final class ProgressBar {

    private static final int WIDTH = 20;

    private ProgressBar() {
    }

    /** Calls {@code redraw} every second on a daemon thread of its own, until the returned service is shut down. */
    static ScheduledExecutorService ticker(Runnable redraw) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(redraw, 1, 1, TimeUnit.SECONDS);
        return ticker;
    }

    /**
     * @param done          finished items
     * @param total         all items; with fewer than two, no bar is drawn
     * @param doneMillis    time the finished items took together
     * @param currentMillis time the running item has taken so far
     */
    static String of(int done, int total, long doneMillis, long currentMillis) {
        if (total < 2) {
            return "";
        }
        int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
        StringBuilder bar = new StringBuilder("  [").append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                .append(Math.min(done + 1, total)).append('/').append(total);
        if (done > 0 && done < total) {
            long left = Math.max(0, doneMillis / done * (total - done) - currentMillis);
            bar.append(", about ").append(DurationText.human(Duration.ofMillis(left))).append(" left");
        }
        return bar.toString();
    }
}
