package dev.sluice.rewrite;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a rewrite step left.
 *
 * @param table        the table, schema-qualified
 * @param alter        the ALTER TABLE clauses the rewrite applies
 * @param phase        where the rewrite stands now
 * @param rowsCopied   rows the batched copy wrote (zero for steps that copy nothing)
 * @param rowsPerSecond the copy's rate in this run
 * @param longestLock  the longest ACCESS EXCLUSIVE hold of this run (the swap), zero if none
 * @param keptTable    the old table while it is kept for a rollback
 * @param notes        what the user should know: foreign keys validated, objects not carried over
 */
public record RewriteResult(String table, String alter, RewritePhase phase, long rowsCopied, double rowsPerSecond,
                            Duration longestLock, Optional<String> keptTable, List<String> notes) {

    public RewriteResult {
        notes = List.copyOf(notes);
    }
}
