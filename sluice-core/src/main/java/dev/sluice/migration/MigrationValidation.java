package dev.sluice.migration;

import java.util.List;

/**
 * The outcome of checking the project's migration files, before any database is touched: every problem
 * found, and the catalog of what could be resolved.
 *
 * <p>Hazard: while there are problems the catalog is partial (a contested version shows its first file
 * by path, a file that cannot be read is missing), good for showing, never for running.
 *
 * @param catalog  the migrations that resolved
 * @param problems what is wrong, sorted by file; empty when the files are valid
 */
public record MigrationValidation(MigrationCatalog catalog, List<MigrationProblem> problems) {

    public MigrationValidation {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The catalog, when the files are valid. */
    public MigrationCatalog orThrow() {
        if (!problems.isEmpty()) {
            throw new MigrationLoadException(problems);
        }
        return catalog;
    }
}
