package dev.sluice.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Drizzle project's migrations where drizzle-kit writes them: {@code drizzle/NNNN_name.sql}, listed in
 * {@code drizzle/meta/_journal.json}. The journal decides, as it does for Drizzle's migrator: its entries in
 * their order are the migrations, a {@code .sql} file it does not list is not one. Entry {@code idx} is the
 * version, so {@code 0000_init.sql} is version 0 and Drizzle's order is Sluice's. Drizzle has no down
 * migrations; a {@code NNNN_name.down.sql} beside the file serves as its down.
 *
 * <p>Drizzle splits a file at each {@code --> statement-breakpoint} line and runs the parts one by one. The
 * text Sluice runs ends a statement at every breakpoint too (a {@code ;} is put before each), so a custom
 * migration whose statement lacks its semicolon before a breakpoint runs as it does under Drizzle. Hazard:
 * like Drizzle's split, this happens even inside a dollar-quoted body; such a file fails under both.
 */
public final class DrizzleMigrationSource implements MigrationSource {

    /** Where drizzle-kit writes migrations by default ({@code out} of {@code drizzle.config.ts}), relative to the project. */
    public static final String DEFAULT_FOLDER = "drizzle";

    /** The journal, relative to the migrations folder. */
    public static final String JOURNAL = "meta/_journal.json";

    /** The separator drizzle-kit writes between statements. */
    public static final String BREAKPOINT = "--> statement-breakpoint";

    private static final Pattern NUMBERED_TAG = Pattern.compile("\\d+_(.+)");

    /**
     * One entry of the journal.
     *
     * @param idx  its position, Sluice's version
     * @param when when drizzle-kit generated it, in epoch milliseconds: what Drizzle's history records as {@code created_at}
     * @param tag  the file's name without {@code .sql}
     */
    public record JournalEntry(int idx, long when, String tag) {

        /** The migration file, relative to the folder. */
        public String file() {
            return tag + ".sql";
        }

        /** The tag without its leading number, words separated by spaces. */
        public String description() {
            Matcher m = NUMBERED_TAG.matcher(tag);
            return (m.matches() ? m.group(1) : tag).replace('_', ' ').strip();
        }
    }

    private final Path folder;

    public DrizzleMigrationSource(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public java.util.Optional<Path> localFolder() {
        return java.util.Optional.of(folder);
    }

    /** Whether {@code folder} looks like drizzle-kit's output: it has the journal. */
    public static boolean isDrizzleFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(JOURNAL));
    }

    /**
     * The journal's entries, in its order.
     *
     * @throws MigrationFileException when it is missing or not drizzle-kit's JSON, naming what is wrong
     */
    public List<JournalEntry> journal() {
        Path file = folder.resolve(JOURNAL);
        if (!Files.isRegularFile(file)) {
            throw new MigrationFileException(folder.toString(), 0, "the Drizzle migrations folder has no " + JOURNAL
                    + "; point 'locations' at drizzle:FOLDER, the 'out' folder of drizzle.config.ts");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new MigrationFileException(JOURNAL, 0, "is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode entries = root == null ? null : root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new MigrationFileException(JOURNAL, 0, "has no \"entries\" array; it is not drizzle-kit's journal");
        }
        List<JournalEntry> found = new ArrayList<>();
        for (JsonNode e : entries) {
            if (!e.path("idx").canConvertToInt() || !e.path("when").canConvertToLong() || !e.path("tag").isTextual()) {
                throw new MigrationFileException(JOURNAL, 0, "entry " + e + " lacks a numeric idx, a numeric when or a tag");
            }
            found.add(new JournalEntry(e.get("idx").asInt(), e.get("when").asLong(), e.get("tag").asText()));
        }
        return found;
    }

    /** The file of an entry as Drizzle reads it, byte for byte (its hash is over these bytes). */
    public byte[] bytes(JournalEntry entry) {
        try {
            return Files.readAllBytes(folder.resolve(entry.file()));
        } catch (IOException e) {
            throw new MigrationFileException(entry.file(), 0, "listed in " + JOURNAL + " but cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ScriptResource> scripts() {
        List<ScriptResource> found = new ArrayList<>();
        for (JournalEntry entry : journal()) {
            Path up = folder.resolve(entry.file());
            if (!Files.isRegularFile(up)) {
                throw new MigrationFileException(entry.file(), 0, "is listed in " + JOURNAL + " (idx " + entry.idx()
                        + ") but does not exist; restore it or remove the entry");
            }
            String form = entry.idx() + "__" + entry.description().replace(' ', '_');
            found.add(new ScriptResource("V" + form + ".sql", entry.file(),
                    endStatementsAtBreakpoints(FileSystemMigrationSource.read(up, entry.file()))));
            String downName = entry.tag() + ".down.sql";
            Path down = folder.resolve(downName);
            if (Files.isRegularFile(down)) {
                found.add(new ScriptResource("U" + form + ".sql", downName,
                        endStatementsAtBreakpoints(FileSystemMigrationSource.read(down, downName))));
            }
        }
        return found;
    }

    /** The text with a {@code ;} before each breakpoint, on the same line, so line numbers stay the file's. */
    static String endStatementsAtBreakpoints(String text) {
        return text.replace(BREAKPOINT, ";" + BREAKPOINT);
    }

    @Override
    public String describe() {
        return "drizzle:" + folder;
    }
}
