package dev.sluice;

import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.TraceFinding;

import java.util.List;

/**
 * What {@link Sluice#trace} saw: per migration, in the order they ran, each statement's locks, rewrites,
 * created and dropped relations, and the findings only running them could show.
 *
 * @param migrations the traced migrations, versioned ones in version order, then the repeatable ones
 * @param untraced   the scripts of the migrations that ran without a trace: online changes and rewrites, which
 *                   run through runners of their own ({@code docs/online.md} and {@code docs/rewrite.md} list
 *                   their locks)
 */
public record TraceReport(List<MigrationTrace> migrations, List<String> untraced) {

    public TraceReport {
        migrations = List.copyOf(migrations);
        untraced = List.copyOf(untraced);
    }

    /** Every migration's findings, in order. */
    public List<TraceFinding> findings() {
        return migrations.stream().flatMap(t -> t.findings().stream()).toList();
    }

    /** How many statements (and Java migrations) were traced. */
    public long statements() {
        return migrations.stream().mapToLong(t -> t.statements().size()).sum();
    }

    /** Whether a finding is an error (a rewrite of a table that existed before its migration). */
    public boolean hasErrors() {
        return findings().stream().anyMatch(f -> f.severity().equals("error"));
    }
}
