package dev.sluice.trace;

import java.util.List;

/**
 * The trace of one migration: a line per statement, and the findings only running it could show.
 *
 * @param script        the migration's file or class
 * @param transactional whether it ran in one transaction (otherwise statement by statement)
 */
public record MigrationTrace(String script, boolean transactional, List<StatementTrace> statements,
                             List<TraceFinding> findings) {

    public MigrationTrace {
        statements = List.copyOf(statements);
        findings = List.copyOf(findings);
    }
}
