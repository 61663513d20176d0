package dev.sluice.lint;

import dev.sluice.migration.ByteSizeText;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;

import java.util.List;
import java.util.OptionalLong;

/**
 * The migrate gate's verdict on a finding whose cost grows with the table: the same finding, as info
 * when the tables the statement works on are all smaller than the threshold in the real database, or
 * with the measured size added when they are not. Only the tables' own sizes count, never a guess.
 */
final class TableSizeVerdict {

    /** What the message says before the reason of a finding that passes. */
    static final String PASSES = "passes the migrate gate: ";

    private TableSizeVerdict() {
    }

    static Finding judge(Finding finding, PgStatement statement, TableSizes database, long smallTableBytes) {
        List<QualifiedName> tables = tablesOf(statement);
        if (tables.isEmpty()) {
            return finding;
        }
        long total = 0;
        StringBuilder measured = new StringBuilder();
        for (QualifiedName t : tables) {
            OptionalLong bytes = database.bytes(t);
            if (measured.length() > 0) {
                measured.append(", ");
            }
            if (bytes.isPresent()) {
                total += bytes.getAsLong();
                measured.append(t).append(" is ").append(ByteSizeText.format(bytes.getAsLong())).append(" in the database");
            } else {
                measured.append(t).append(" does not exist in the database before this run");
            }
        }
        String limit = "lint.gate.small-table (" + ByteSizeText.format(smallTableBytes) + ")";
        if (total < smallTableBytes) {
            return new Finding(finding.file(), finding.line(), finding.column(), finding.rule(), Severity.INFO,
                    finding.message() + "; " + PASSES + measured + ", under " + limit, finding.alternative());
        }
        return new Finding(finding.file(), finding.line(), finding.column(), finding.rule(), finding.severity(),
                finding.message() + "; " + measured + ", not under " + limit, finding.alternative());
    }

    /** The tables whose size decides what the statement costs; empty when it names none (VACUUM FULL of a database). */
    static List<QualifiedName> tablesOf(PgStatement statement) {
        if (statement instanceof PgStatement.CreateIndex ci) {
            return List.of(ci.table());
        }
        if (statement instanceof PgStatement.AlterTable at) {
            return List.of(at.name());
        }
        if (statement instanceof PgStatement.Reindex r) {
            return r.objectType().equals("TABLE") || r.objectType().equals("INDEX") ? r.name().map(List::of).orElse(List.of())
                    : List.of();
        }
        if (statement instanceof PgStatement.Maintenance m) {
            return m.tables();
        }
        if (statement instanceof PgStatement.Dml d) {
            return List.of(d.table());
        }
        return statement.target().map(List::of).orElse(List.of());
    }
}
