package dev.sluice.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * What retention removed.
 *
 * @param pruned          ids of the backups past {@code backup-keep} and {@code backup-max-keep-age}
 * @param removedPartials partial dumps left by runs that were killed
 */
public record Retention(List<String> pruned, List<Path> removedPartials) {

    public Retention {
        pruned = List.copyOf(pruned);
        removedPartials = List.copyOf(removedPartials);
    }
}
