package dev.sluice.migration;

import dev.sluice.migration.MigrationFileName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code .sql} files (and the {@code .yaml} / {@code .yml} online migrations) in a folder and its sub-folders. Hidden files and folders (a leading dot) are
 * passed over, so editor back-ups and {@code .sluice/} never count as migrations.
 *
 * <p>Hazard: files must be UTF-8. A file in another encoding is refused with its name rather than run
 * with mangled string literals.
 */
public final class FileSystemMigrationSource implements MigrationSource {

    private final Path folder;

    public FileSystemMigrationSource(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public java.util.Optional<Path> localFolder() {
        return java.util.Optional.of(folder);
    }

    @Override
    public List<ScriptResource> scripts() {
        if (!Files.isDirectory(folder)) {
            throw new MigrationFileException(folder.toString(), 0,
                    "the migrations folder does not exist; create it or point --dir / 'locations' at the right one");
        }
        List<ScriptResource> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.sorted()::iterator) {
                if (Files.isRegularFile(p) && MigrationFileName.isMigrationFile(p.getFileName().toString()) && !hidden(p)) {
                    String relative = folder.relativize(p).toString().replace('\\', '/');
                    found.add(new ScriptResource(p.getFileName().toString(), relative, read(p, relative)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return found;
    }

    private boolean hidden(Path p) {
        for (Path part : folder.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A migration file's text, decoded strictly as UTF-8: {@code migrate} and {@code lint} both read files
     * through here, so both refuse the same file with the same {@link MigrationFileException} (exit 3).
     *
     * @param relative the name shown in the message
     */
    public static String read(Path p, String relative) {
        try {
            byte[] bytes = Files.readAllBytes(p);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MigrationFileException(relative, 0, "is not valid UTF-8; save it as UTF-8");
        } catch (IOException e) {
            throw new MigrationFileException(relative, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return folder.toString();
    }
}
