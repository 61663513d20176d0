package dev.sluice.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a project's migration files are: the {@code locations} setting (several comma-separated entries,
 * each a folder relative to the project, {@code filesystem:FOLDER} or {@code classpath:PACKAGE/FOLDER}, as
 * Flyway writes them), or, when nothing is configured, the first of these that exists:
 * <ol>
 *   <li>{@code migrations/} in the project (Sluice's own layout);</li>
 *   <li>the project folder itself, when it directly holds migration files ({@code --dir} pointed at a
 *       folder of V files);</li>
 *   <li>{@code src/main/resources/db/migration}, Flyway's default {@code classpath:db/migration} in a Maven
 *       or Gradle layout;</li>
 *   <li>{@code prisma/migrations}, Prisma's folders of {@code migration.sql} ({@link PrismaMigrationSource}),
 *       also named as {@code prisma:FOLDER};</li>
 *   <li>{@code drizzle/} with its {@code meta/_journal.json} ({@link DrizzleMigrationSource}, {@code drizzle:FOLDER});</li>
 *   <li>a folder of TypeORM migration classes, {@code src/migration}, {@code src/migrations},
 *       {@code src/database/migrations}, {@code src/db/migrations} or {@code migrations}
 *       ({@link TypeormMigrationSource}, {@code typeorm:FOLDER});</li>
 *   <li>numbered plain SQL files ({@code 001_init.sql}, {@link NumberedMigrationSource}, {@code numbered:FOLDER})
 *       in {@code migrations/}, the project folder itself or {@code db/migrations}.</li>
 * </ol>
 * {@code migrations/} holding only numbered files or TypeORM classes is read in that layout, not as Sluice's.
 * A choice that was not Sluice's own default is explained in {@link #notes()}, which a shell prints on
 * stderr, so that nobody wonders which files ran.
 *
 * <p>Hazard: a classpath location is read through the class loader it was given; the files of a jar that
 * is not on it are not found, and nothing says so beyond an empty location.
 *
 * @param sources the sources, in the order given
 * @param folder  the first folder on the file system: where {@code new} writes, what the lint and the doctor
 *                read; the project's {@code migrations/} when no location is a folder
 * @param notes   why a location other than {@code migrations/} was chosen, one sentence each
 */
public record Locations(List<MigrationSource> sources, Path folder, List<String> notes) {

    /** Sluice's own folder name inside a project. */
    public static final String DEFAULT_FOLDER = "migrations";

    /** Flyway's default location in a Maven or Gradle project, relative to the project. */
    public static final String FLYWAY_DEFAULT = "src/main/resources/db/migration";

    public Locations {
        sources = List.copyOf(sources);
        Objects.requireNonNull(folder, "folder");
        notes = List.copyOf(notes);
    }

    /**
     * The locations of a project.
     *
     * @param projectDir the project folder, against which relative folders are resolved
     * @param configured the {@code locations} setting, if any
     * @param loader     where {@code classpath:} locations are read
     * @throws IllegalArgumentException for an empty entry or an unknown prefix, naming it
     */
    public static Locations resolve(Path projectDir, Optional<String> configured, ClassLoader loader) {
        Path project = projectDir.toAbsolutePath().normalize();
        if (configured.isPresent()) {
            return configuredLocations(project, configured.get(), loader);
        }
        Path own = project.resolve(DEFAULT_FOLDER);
        if (NumberedMigrationSource.isNumberedFolder(own)) {
            return numbered(own, DEFAULT_FOLDER + "/ holds numbered SQL files (001_name.sql): reading them as numbered migrations");
        }
        if (TypeormMigrationSource.isTypeormFolder(own) && !holdsMigrationFiles(own)) {
            return typeorm(own, DEFAULT_FOLDER + "/ holds TypeORM migration classes: reading their SQL");
        }
        if (Files.isDirectory(own)) {
            return new Locations(List.of(new FileSystemMigrationSource(own)), own, List.of());
        }
        if (NumberedMigrationSource.isNumberedFolder(project)) {
            return numbered(project, project + " holds numbered SQL files (001_name.sql): reading them as numbered migrations");
        }
        if (holdsMigrationFiles(project)) {
            return new Locations(List.of(new FileSystemMigrationSource(project)), project,
                    List.of(project + " holds migration files and no " + DEFAULT_FOLDER + "/ folder: using it as the migrations folder"));
        }
        Path flyway = project.resolve(FLYWAY_DEFAULT);
        if (Files.isDirectory(flyway)) {
            return new Locations(List.of(new FileSystemMigrationSource(flyway)), flyway,
                    List.of("no " + DEFAULT_FOLDER + "/ folder: using Flyway's default location " + FLYWAY_DEFAULT));
        }
        Path prisma = project.resolve(PrismaMigrationSource.DEFAULT_FOLDER);
        if (Files.isDirectory(prisma)) {
            return new Locations(List.of(new PrismaMigrationSource(prisma)), prisma,
                    List.of("no " + DEFAULT_FOLDER + "/ folder: using Prisma's " + PrismaMigrationSource.DEFAULT_FOLDER));
        }
        Path drizzle = project.resolve(DrizzleMigrationSource.DEFAULT_FOLDER);
        if (DrizzleMigrationSource.isDrizzleFolder(drizzle)) {
            return new Locations(List.of(new DrizzleMigrationSource(drizzle)), drizzle,
                    List.of("no " + DEFAULT_FOLDER + "/ folder: using Drizzle's " + DrizzleMigrationSource.DEFAULT_FOLDER + "/ and its journal"));
        }
        for (String candidate : TYPEORM_FOLDERS) {
            Path folder = project.resolve(candidate);
            if (TypeormMigrationSource.isTypeormFolder(folder)) {
                return typeorm(folder, "no " + DEFAULT_FOLDER + "/ folder: using the TypeORM migrations in " + candidate);
            }
        }
        Path db = project.resolve(NUMBERED_FOLDER);
        if (NumberedMigrationSource.isNumberedFolder(db)) {
            return numbered(db, "no " + DEFAULT_FOLDER + "/ folder: using the numbered SQL files in " + NUMBERED_FOLDER);
        }
        // Nothing found: the folder Sluice would create, whose absence the file source reports.
        return new Locations(List.of(new FileSystemMigrationSource(own)), own, List.of());
    }

    private static Locations configuredLocations(Path project, String setting, ClassLoader loader) {
        List<MigrationSource> sources = new ArrayList<>();
        Path folder = null;
        for (String raw : setting.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("'" + setting + "' has an empty entry; separate locations with single commas");
            }
            if (entry.startsWith("classpath:")) {
                String path = entry.substring("classpath:".length()).replaceAll("^/+", "");
                sources.add(new ClasspathMigrationSource(path, loader));
                continue;
            }
            Optional<MigrationSource> layout = layoutSource(project, entry);
            if (layout.isPresent()) {
                sources.add(layout.get());
                if (folder == null) {
                    folder = project.resolve(entry.substring(entry.indexOf(':') + 1)).normalize();
                }
                continue;
            }
            String path = entry.startsWith("filesystem:") ? entry.substring("filesystem:".length()) : entry;
            if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !entry.startsWith("filesystem:")) {
                throw new IllegalArgumentException("location '" + entry + "' has an unknown prefix; use filesystem:FOLDER, "
                        + "classpath:PACKAGE/FOLDER, prisma:FOLDER, drizzle:FOLDER, typeorm:FOLDER or numbered:FOLDER");
            }
            Path resolved = project.resolve(path).normalize();
            sources.add(new FileSystemMigrationSource(resolved));
            if (folder == null) {
                folder = resolved;
            }
        }
        return new Locations(sources, folder == null ? project.resolve(DEFAULT_FOLDER) : folder, List.of());
    }

    /**
     * The source that reads {@code folder} when it is in another tool's layout: Drizzle's (it has the journal),
     * Prisma's (sub-folders of {@code migration.sql}), numbered files, or TypeORM classes, in that order; empty
     * for a folder of Flyway-named files or anything else. Lets every reader of a migrations folder (lint,
     * verify, the doctor) read it as {@code migrate} does.
     */
    public static Optional<MigrationSource> layoutAt(Path folder) {
        if (DrizzleMigrationSource.isDrizzleFolder(folder)) {
            return Optional.of(new DrizzleMigrationSource(folder));
        }
        if (holdsMigrationFiles(folder)) {
            return Optional.empty();
        }
        if (PrismaMigrationSource.isPrismaFolder(folder)) {
            return Optional.of(new PrismaMigrationSource(folder));
        }
        if (NumberedMigrationSource.isNumberedFolder(folder)) {
            return Optional.of(new NumberedMigrationSource(folder));
        }
        if (TypeormMigrationSource.isTypeormFolder(folder)) {
            return Optional.of(new TypeormMigrationSource(folder));
        }
        return Optional.empty();
    }

    /** TypeORM's usual migration folders, relative to the project, in the order they are looked for. */
    private static final List<String> TYPEORM_FOLDERS = List.of("src/migration", "src/migrations", "src/database/migrations",
            "src/db/migrations");

    /** Where numbered SQL files are often kept, besides {@code migrations/}. */
    private static final String NUMBERED_FOLDER = "db/migrations";

    private static Locations numbered(Path folder, String note) {
        return new Locations(List.of(new NumberedMigrationSource(folder)), folder, List.of(note));
    }

    private static Locations typeorm(Path folder, String note) {
        return new Locations(List.of(new TypeormMigrationSource(folder)), folder, List.of(note));
    }

    /** The source of an entry with another tool's prefix ({@code prisma:}, {@code drizzle:}, ...), if it has one. */
    private static Optional<MigrationSource> layoutSource(Path project, String entry) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Path folder = project.resolve(entry.substring(colon + 1)).normalize();
        return switch (entry.substring(0, colon)) {
            case "prisma" -> Optional.of(new PrismaMigrationSource(folder));
            case "drizzle" -> Optional.of(new DrizzleMigrationSource(folder));
            case "typeorm" -> Optional.of(new TypeormMigrationSource(folder));
            case "numbered" -> Optional.of(new NumberedMigrationSource(folder));
            default -> Optional.empty();
        };
    }

    /** Whether {@code dir} itself (not a sub-folder) holds a file named as a migration, {@code V1__x.sql}. */
    private static boolean holdsMigrationFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(MigrationFileName::isMigrationFile)
                    .anyMatch(n -> MigrationFileName.parse(MigrationFileName.baseName(n)).isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
