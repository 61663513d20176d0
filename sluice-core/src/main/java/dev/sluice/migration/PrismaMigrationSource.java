package dev.sluice.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Prisma project's migrations where Prisma keeps them: {@code prisma/migrations/<timestamp>_<name>/migration.sql},
 * applied in the lexical order of the folder names, each read as the versioned migration
 * {@code V<timestamp>__<name>}; a {@code down.sql} beside it is its down. {@code migration_lock.toml} and
 * other files are not migrations. The history records {@code <folder>/migration.sql}, the name Prisma's
 * own history ({@code _prisma_migrations.migration_name}) knows it by.
 *
 * <p>Hazard: the version is the folder's leading number, so two folders must not share one; a folder without
 * a leading number is refused by name rather than ordered by guess.
 */
public final class PrismaMigrationSource implements MigrationSource {

    /** Where Prisma keeps its migrations, relative to the project. */
    public static final String DEFAULT_FOLDER = "prisma/migrations";

    private static final Pattern FOLDER = Pattern.compile("(\\d+)_(.+)");

    private final Path folder;

    public PrismaMigrationSource(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public java.util.Optional<Path> localFolder() {
        return java.util.Optional.of(folder);
    }

    /** Whether {@code folder} holds a sub-folder with a {@code migration.sql}, as Prisma writes them. */
    public static boolean isPrismaFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.anyMatch(d -> Files.isRegularFile(d.resolve("migration.sql")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    @Override
    public List<ScriptResource> scripts() {
        if (!Files.isDirectory(folder)) {
            throw new MigrationFileException(folder.toString(), 0,
                    "the Prisma migrations folder does not exist; point 'locations' at prisma:FOLDER");
        }
        List<ScriptResource> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                Path up = dir.resolve("migration.sql");
                if (name.startsWith(".") || !Files.isRegularFile(up)) {
                    continue;
                }
                Matcher m = FOLDER.matcher(name);
                if (!m.matches()) {
                    throw new MigrationFileException(name + "/migration.sql", 0, "a Prisma migration folder starts with "
                            + "its timestamp, e.g. 20240101120000_init; rename the folder");
                }
                String form = m.group(1) + "__" + m.group(2);
                found.add(new ScriptResource("V" + form + ".sql", name + "/migration.sql",
                        FileSystemMigrationSource.read(up, name + "/migration.sql")));
                Path down = dir.resolve("down.sql");
                if (Files.isRegularFile(down)) {
                    found.add(new ScriptResource("U" + form + ".sql", name + "/down.sql",
                            FileSystemMigrationSource.read(down, name + "/down.sql")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return found;
    }

    @Override
    public String describe() {
        return "prisma:" + folder;
    }
}
