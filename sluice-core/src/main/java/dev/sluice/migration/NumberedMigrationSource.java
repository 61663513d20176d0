package dev.sluice.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of numbered plain SQL files, as many teams keep them without a tool: {@code 001_create_users.sql}
 * is version 1, its down is {@code 001_rollback.sql} or {@code 001_create_users.down.sql} (an
 * {@code 001_create_users.up.sql} is read as the up). Files without a leading number ({@code schema.sql},
 * {@code seed.sql}) are not migrations. The history records each file by its own name.
 *
 * <p>Hazard: the number is the version, so {@code 1_x.sql} and {@code 001_y.sql} are the same version and
 * refused as a duplicate, naming both.
 */
public final class NumberedMigrationSource implements MigrationSource {

    private static final Pattern FILE = Pattern.compile("(\\d+)_(.+?)(\\.up|\\.down)?\\.sql");

    private final Path folder;

    public NumberedMigrationSource(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public java.util.Optional<Path> localFolder() {
        return java.util.Optional.of(folder);
    }

    /** Whether {@code folder} directly holds a numbered SQL file and no Flyway-named one. */
    public static boolean isNumberedFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            return names.stream().anyMatch(n -> FILE.matcher(n).matches())
                    && names.stream().noneMatch(n -> n.endsWith(".sql")
                    && MigrationFileName.parse(MigrationFileName.baseName(n)).isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    @Override
    public List<ScriptResource> scripts() {
        if (!Files.isDirectory(folder)) {
            throw new MigrationFileException(folder.toString(), 0,
                    "the migrations folder does not exist; point 'locations' at numbered:FOLDER");
        }
        record File(String number, String name, boolean down, Path path) {
        }
        List<File> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (!m.matches() || p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                boolean down = ".down".equals(m.group(3)) || (m.group(3) == null && m.group(2).equals("rollback"));
                files.add(new File(m.group(1), m.group(2), down, p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        Map<String, String> upNames = new HashMap<>();
        files.stream().filter(f -> !f.down()).forEach(f -> upNames.putIfAbsent(f.number(), f.name()));
        List<ScriptResource> found = new ArrayList<>();
        for (File f : files) {
            String description = f.down() ? Optional.ofNullable(upNames.get(f.number())).orElse(f.name()) : f.name();
            String relative = f.path().getFileName().toString();
            found.add(new ScriptResource((f.down() ? "U" : "V") + f.number() + "__" + description + ".sql", relative,
                    FileSystemMigrationSource.read(f.path(), relative)));
        }
        return found;
    }

    @Override
    public String describe() {
        return "numbered:" + folder;
    }
}
