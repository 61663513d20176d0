package dev.sluice.execution;

import dev.sluice.history.AppliedMigration;
import dev.sluice.migration.Direction;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationBody;
import dev.sluice.migration.OnlineMigrationBody;
import dev.sluice.migration.RewriteMigrationBody;
import dev.sluice.migration.SqlMigrationBody;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One migration to run in one direction, with every decision already made: transaction or autocommit,
 * which timeouts. Executing a step makes no further decisions, so what {@code --dry-run} prints is what
 * runs.
 *
 * @param undoes  for a down, the history row it reverses
 * @param resumes for a migration a crash interrupted, the RUNNING row it takes over (its statements are
 *                all idempotent, so it runs again from the start)
 */
public record PlanStep(Migration migration, Direction direction, MigrationBody body, Optional<AppliedMigration> undoes,
                       Duration lockTimeout, Duration statementTimeout, Optional<AppliedMigration> resumes) {

    public boolean transactional() {
        return body.transactional();
    }

    /** The script or class actually run: the U file for a SQL down. */
    public String scriptName() {
        return body.name();
    }

    /** Printable lines for a dry run. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        String mode = body instanceof OnlineMigrationBody ? "online: short transactions and batches"
                : body instanceof RewriteMigrationBody ? "rewrite: shadow table, batched copy, short swap"
                : transactional() ? "in one transaction" : "in autocommit, statement by statement";
        lines.add((direction == Direction.UP ? (resumes.isPresent() ? "resume " : "up   ") : "down ") + migration.label() + "  [" + scriptName() + "]  "
                + mode + ", lock_timeout " + DurationText.format(lockTimeout)
                + ", statement_timeout " + DurationText.format(statementTimeout));
        if (body instanceof SqlMigrationBody sql) {
            for (var s : sql.statements()) {
                lines.add("       line " + s.line() + ": " + s.summary(90));
            }
            for (var v : sql.validations()) {
                lines.add("       line " + v.line() + ": assert " + v.summary(83));
            }
            if (sql.settings().transactionOff() && sql.autocommitStatements().isEmpty()) {
                lines.add("       (autocommit because of '-- sluice:transaction off')");
            }
            for (var a : sql.autocommitStatements()) {
                lines.add("       autocommit: line " + a.statement().line() + ": " + a.reason());
            }
        } else if (body instanceof RewriteMigrationBody r) {
            lines.add("       line " + r.line() + ": " + (direction == Direction.UP
                    ? "rewrite " + r.table() + " with " + (r.alter().isEmpty() ? "no clauses (key order)" : r.alter())
                    + "; the old table is kept until 'sluice rewrite --cleanup'"
                    : "swap the kept original of " + r.table() + " back, with the writes made since"));
        } else if (body instanceof OnlineMigrationBody) {
            lines.add("       online change: start, then complete with --complete ('sluice start --dry-run' prints its statements)");
        } else {
            lines.add("       " + (direction == Direction.UP ? "performUp, validateUp" : "performDown, validateDown"));
        }
        return lines;
    }
}
