package dev.sluice.execution;

import dev.sluice.migration.Migration;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a migration that a crash interrupted may simply run again. Only a SQL migration that ran in
 * autocommit leaves a RUNNING row; it may run again from the start when its file is unchanged and every
 * statement is idempotent ({@code IF NOT EXISTS}, {@code IF EXISTS}, {@code CREATE OR REPLACE}, a
 * concurrent index build by name, whose invalid leftover the executor drops first). Anything else needs
 * a person to check which statements took effect.
 */
final class Resumption {

    private Resumption() {
    }

    /** Empty when {@code entry} (a RUNNING one) can be resumed; otherwise what a person must check. */
    static Optional<String> whyNot(MigrationStatus entry) {
        if (entry.migration().isEmpty()) {
            return Optional.of("its file is gone from the project");
        }
        Migration m = entry.migration().get();
        if (!(m.up() instanceof SqlMigrationBody sql)) {
            return Optional.of("it is a Java migration, whose effects Sluice cannot inspect");
        }
        if (entry.checksumChanged()) {
            return Optional.of("its file changed since the interrupted run");
        }
        List<SqlStatement> unsafe = sql.statements().stream().filter(s -> !StatementFacts.of(s).idempotent()).toList();
        if (!unsafe.isEmpty()) {
            return Optional.of("these statements are not idempotent and may already have taken effect: "
                    + unsafe.stream().map(s -> "line " + s.line() + " '" + s.summary(50) + "'").collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }
}
