package dev.sluice.adopt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The migration tools whose history {@code sluice adopt} takes over. */
public enum AdoptSource {

    /** Flyway: {@code flyway_schema_history}, V/U/R files, CRC32 checksums of the files' lines. */
    FLYWAY("Flyway", "flyway_schema_history"),

    /** Prisma Migrate: {@code _prisma_migrations}, {@code prisma/migrations/<name>/migration.sql}, SHA-256 checksums. */
    PRISMA("Prisma", "_prisma_migrations"),

    /** Drizzle: {@code drizzle.__drizzle_migrations}, {@code drizzle/NNNN_name.sql} with its journal, SHA-256 hashes. */
    DRIZZLE("Drizzle", "__drizzle_migrations"),

    /** TypeORM: {@code migrations} (timestamp, name), migration classes whose SQL is read from their query calls. */
    TYPEORM("TypeORM", "migrations"),

    /** Numbered plain SQL files ({@code 001_name.sql}): the project's own tracking table, else a baseline. */
    NUMBERED("numbered SQL files", "schema_migrations");

    private final String displayName;
    private final String historyTable;

    AdoptSource(String displayName, String historyTable) {
        this.displayName = displayName;
        this.historyTable = historyTable;
    }

    /** The tool's name as its users write it. */
    public String displayName() {
        return displayName;
    }

    /** The name of the tool's history table by default. */
    public String historyTable() {
        return historyTable;
    }

    /** The name on the command line: {@code flyway}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The source named {@code id}, in any case.
     *
     * @throws IllegalArgumentException naming the known ones
     */
    public static AdoptSource parse(String id) {
        for (AdoptSource s : values()) {
            if (s.id().equalsIgnoreCase(id.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("cannot adopt from '" + id + "'; known: "
                + Arrays.stream(values()).map(AdoptSource::id).collect(Collectors.joining(", ")));
    }
}
