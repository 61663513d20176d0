package dev.sluice.verify;

import dev.sluice.postgres.ScratchSettings;
import dev.sluice.progress.PhaseProgress;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@code verify} checks and where.
 *
 * @param projectDir          the project folder; the schema file is named relative to it
 * @param migrationsDir       the folder the lint reads
 * @param schemaFile          the fresh-install schema ({@code schema.sql}); skipped when there is no such file
 * @param seedFolder          seed files for the rehearsal
 * @param irreversibleIsError whether a migration without a down fails the rehearsal
 * @param checkTarget         whether to compare checksums with the target's history (a target is configured)
 * @param scratch             where the rehearsal, the trace and the schema file run
 * @param progress            a display for each long phase ({@code rehearsing}, {@code tracing}), closed when it ends
 */
public record VerifyRequest(Path projectDir, Path migrationsDir, Path schemaFile, Path seedFolder,
                            boolean irreversibleIsError, boolean checkTarget, ScratchSettings scratch,
                            Function<String, PhaseProgress> progress) {

    public VerifyRequest {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(migrationsDir, "migrationsDir");
        Objects.requireNonNull(schemaFile, "schemaFile");
        Objects.requireNonNull(seedFolder, "seedFolder");
        Objects.requireNonNull(scratch, "scratch");
        progress = progress == null ? phase -> PhaseProgress.NONE : progress;
    }

    /**
     * The defaults for a project folder: {@code migrations/}, {@code schema.sql}, {@code seeds/}, a missing
     * down a warning, no target, a throwaway server of the bundled major, no progress display.
     */
    public static VerifyRequest of(Path projectDir) {
        return new VerifyRequest(projectDir, projectDir.resolve("migrations"), projectDir.resolve("schema.sql"),
                projectDir.resolve("seeds"), false, false, ScratchSettings.throwaway(), null);
    }

    /**
     * The fresh-install schema when {@code schema-file} is not set: {@code schema.sql} of the project, or, when
     * there is none, the one beside the migration files (where a project of numbered SQL files keeps its
     * idempotent script); the project's when neither exists, so the check says what it looked for.
     */
    public static Path defaultSchemaFile(Path projectDir, Path migrationsDir) {
        Path own = projectDir.resolve("schema.sql");
        Path beside = migrationsDir.resolve("schema.sql");
        return !java.nio.file.Files.isRegularFile(own) && java.nio.file.Files.isRegularFile(beside) ? beside : own;
    }
}
