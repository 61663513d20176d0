package dev.sluice.migration;

import java.util.List;
import java.util.Optional;

/**
 * The project's migrations, resolved and checked: versioned ones in version order, repeatable ones in
 * description order, and the warnings that did not stop resolution (such as a file whose name matches no
 * form, outside strict mode).
 */
public record MigrationCatalog(List<Migration> versioned, List<Migration> repeatable, List<MigrationProblem> warnings) {

    public MigrationCatalog {
        versioned = List.copyOf(versioned);
        repeatable = List.copyOf(repeatable);
        warnings = List.copyOf(warnings);
    }

    /** The versioned migration with this version, if the project has it. */
    public Optional<Migration> find(Version version) {
        return versioned.stream().filter(m -> m.requireVersion().equals(version)).findFirst();
    }

    /** The highest version the project has. */
    public Optional<Version> latestVersion() {
        return versioned.isEmpty() ? Optional.empty() : Optional.of(versioned.get(versioned.size() - 1).requireVersion());
    }
}
