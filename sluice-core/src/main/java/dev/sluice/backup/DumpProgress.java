package dev.sluice.backup;

import dev.sluice.progress.Progress;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns pg_dump's {@code --verbose} lines into progress: each "dumping contents of table" line starts the
 * next table. Other lines (reading the catalog, writing the archive) are not counted.
 */
final class DumpProgress implements Consumer<String> {

    private static final Pattern TABLE = Pattern.compile("dumping contents of table \"?([^\"]+)\"?");

    private final Progress progress;
    private final int total;
    private int done;
    private String current;
    private long since;

    DumpProgress(Progress progress, int total) {
        this.progress = progress;
        this.total = total;
    }

    @Override
    public void accept(String line) {
        Matcher m = TABLE.matcher(line);
        if (!m.find()) {
            return;
        }
        finishCurrent();
        current = m.group(1);
        since = System.nanoTime();
        progress.started(current, done, Math.max(total, done + 1));
    }

    /** pg_dump has ended: the last table is finished too. */
    void done() {
        finishCurrent();
    }

    private void finishCurrent() {
        if (current != null) {
            done++;
            progress.finished(current, done, Math.max(total, done), (System.nanoTime() - since) / 1_000_000);
            current = null;
        }
    }
}
