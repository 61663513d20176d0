package dev.sluice.execution.internal;

import dev.sluice.execution.MigrationStatus;
import dev.sluice.history.AppliedMigration;
import dev.sluice.migration.Migration;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a migration that a crash interrupted may simply go on. Only a migration that ran in autocommit
 * leaves a RUNNING row, and its row counts the statements that took effect, each count committed together
 * with its statement. So the run goes on after the last counted statement, provided the file is unchanged
 * and the one statement that may have been in flight is safe to run again: one that ran in a transaction
 * of its own (rolled back by the crash), an idempotent one ({@code IF NOT EXISTS}, {@code CREATE OR
 * REPLACE}, ...), or a concurrent index build by name, whose finished index the executor recognises and
 * whose invalid leftover it drops. A row from a release that kept no count is resumable only when every
 * statement is. Anything else needs a person to check which statements took effect.
 */
public final class Resumption {

    private Resumption() {
    }

    /** Empty when {@code entry} (a RUNNING one) can be resumed; otherwise what a person must check. */
    public static Optional<String> whyNot(MigrationStatus entry) {
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
        Optional<Integer> done = entry.lastRow().flatMap(AppliedMigration::statementsDone);
        List<SqlStatement> unsafe;
        if (done.isPresent()) {
            int next = done.get();
            unsafe = next >= sql.statements().size() ? List.of()
                    : List.of(sql.statements().get(next)).stream().filter(s -> sql.needsAutocommit(s) && !safeToRepeat(s)).toList();
            if (!unsafe.isEmpty()) {
                return Optional.of("statement " + (next + 1) + " (line " + unsafe.get(0).line() + " '" + unsafe.get(0).summary(50)
                        + "') runs outside any transaction, is not idempotent, and may have taken effect before the interruption");
            }
            return Optional.empty();
        }
        unsafe = sql.statements().stream().filter(s -> !safeToRepeat(s)).toList();
        if (!unsafe.isEmpty()) {
            return Optional.of("these statements are not idempotent and may already have taken effect: "
                    + unsafe.stream().map(s -> "line " + s.line() + " '" + s.summary(50) + "'").collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }

    /** Idempotent, or a concurrent index build by name, which the executor finishes or redoes as its state requires. */
    private static boolean safeToRepeat(SqlStatement s) {
        StatementFacts facts = StatementFacts.of(s);
        return facts.idempotent() || facts.concurrentIndex().isPresent();
    }
}
