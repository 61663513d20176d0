package dev.sluice.migration;

import dev.sluice.migration.internal.TypeormMigrationFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A TypeORM project's migrations where it keeps them: classes in {@code .ts} (or compiled {@code .js}) files,
 * e.g. {@code 1700000000000-CreateUsers.ts} holding {@code class CreateUsers1700000000000}. Each is read as the
 * versioned migration whose version is the 13-digit timestamp TypeORM reads from the end of the class's name
 * (or of its {@code name} property), its up and down the SQL of the {@code queryRunner.query('...')} calls of
 * {@code up} and {@code down}. The history records the file's path.
 *
 * <p>A call whose SQL is not a plain string literal is a problem of that file and line ("needs a SQL file"),
 * never a guess. The way out: a {@code <file>.sql} (up) or {@code <file>.down.sql} beside the migration, e.g.
 * {@code 1700000000000-CreateUsers.sql}, replaces what would be read from {@code up} or {@code down}.
 * A {@code .js} file beside a {@code .ts} file of the same name is its compiled copy and not read.
 */
public final class TypeormMigrationSource implements MigrationSource {

    private static final Pattern FILE = Pattern.compile("\\d{13}-.+\\.(ts|js)");

    /** One migration class as read from its file. */
    public record TypeormMigration(String className, long timestamp, String file) {
    }

    private final Path folder;
    private final List<MigrationProblem> problems = new ArrayList<>();
    private final List<TypeormMigration> migrations = new ArrayList<>();

    public TypeormMigrationSource(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public java.util.Optional<Path> localFolder() {
        return java.util.Optional.of(folder);
    }

    /** Whether {@code folder} directly holds a file named as TypeORM's CLI names migrations. */
    public static boolean isTypeormFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> Files.isRegularFile(p) && FILE.matcher(p.getFileName().toString()).matches());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The migration classes found by the last {@link #scripts()}, in file order. */
    public synchronized List<TypeormMigration> migrations() {
        if (migrations.isEmpty()) {
            scripts();
        }
        return List.copyOf(migrations);
    }

    @Override
    public synchronized List<ScriptResource> scripts() {
        if (!Files.isDirectory(folder)) {
            throw new MigrationFileException(folder.toString(), 0,
                    "the TypeORM migrations folder does not exist; point 'locations' at typeorm:FOLDER");
        }
        problems.clear();
        migrations.clear();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).filter(p -> isMigrationCode(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        List<ScriptResource> found = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            String base = name.substring(0, name.length() - 3);
            if (name.endsWith(".js") && Files.isRegularFile(folder.resolve(base + ".ts"))) {
                continue;
            }
            TypeormMigrationFile read = TypeormMigrationFile.read(name, FileSystemMigrationSource.read(p, name));
            Optional<String> className = read.className();
            if (className.isEmpty()) {
                continue; // no class: a helper module beside the migrations, not one of them
            }
            Optional<Long> timestamp = className.flatMap(TypeormMigrationFile::timestamp);
            if (timestamp.isEmpty()) {
                problems.add(new MigrationProblem(name, 0, "no migration class whose name ends with TypeORM's 13-digit "
                        + "timestamp, e.g. class CreateUsers1700000000000"));
                continue;
            }
            Optional<String> upFile = readIfPresent(base + ".sql");
            Optional<String> downFile = readIfPresent(base + ".down.sql");
            List<MigrationProblem> mine = new ArrayList<>();
            if (upFile.isEmpty()) {
                mine.addAll(read.upProblems());
            }
            if (downFile.isEmpty()) {
                mine.addAll(read.downProblems());
            }
            if (!mine.isEmpty()) {
                problems.addAll(mine);
                continue;
            }
            String description = className.get().substring(0, className.get().length() - 13);
            String form = timestamp.get() + "__" + (description.isEmpty() ? "migration" : description);
            migrations.add(new TypeormMigration(className.get(), timestamp.get(), name));
            found.add(new ScriptResource("V" + form + ".sql", upFile.isPresent() ? base + ".sql" : name, upFile.orElse(read.up())));
            String down = downFile.orElse(read.down());
            if (!down.isBlank()) {
                found.add(new ScriptResource("U" + form + ".sql", downFile.isPresent() ? base + ".down.sql" : name, down));
            }
        }
        return found;
    }

    private Optional<String> readIfPresent(String relative) {
        Path p = folder.resolve(relative);
        return Files.isRegularFile(p) ? Optional.of(FileSystemMigrationSource.read(p, relative)) : Optional.empty();
    }

    private static boolean isMigrationCode(String name) {
        return (name.endsWith(".ts") || name.endsWith(".js")) && !name.endsWith(".d.ts") && !name.startsWith(".")
                && !name.endsWith(".spec.ts") && !name.endsWith(".test.ts");
    }

    @Override
    public synchronized List<MigrationProblem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public String describe() {
        return "typeorm:" + folder;
    }
}
