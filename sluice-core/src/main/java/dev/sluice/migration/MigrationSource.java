package dev.sluice.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where migrations come from: a folder, a classpath location or a list of Java classes. A source only
 * finds; {@link MigrationResolver} decides what the files mean and which of them conflict.
 */
public interface MigrationSource {

    /** The SQL files, in a stable order. */
    List<ScriptResource> scripts();

    /** The Java migrations, instantiated. */
    default List<SafeMigration> javaMigrations() {
        return List.of();
    }

    /**
     * What the source found wrong in its files while reading them, each by file and line, beside the scripts it
     * could read (a TypeORM migration whose SQL is not a plain literal). Read after {@link #scripts()}.
     */
    default List<MigrationProblem> problems() {
        return List.of();
    }

    /**
     * The folder on this machine the source reads, if it reads one: what {@code lint}, {@code verify} and the
     * doctor read the files of, through {@link Locations#layoutAt} when it is in another tool's layout.
     */
    default Optional<Path> localFolder() {
        return Optional.empty();
    }

    /** What the source is, for messages (e.g. the folder's path). */
    String describe();
}
