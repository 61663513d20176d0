package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.StatementKind;

/** Flags VACUUM FULL, which rewrites tables under their strongest lock. */
public final class VacuumFull extends BaseRule {

    public static final String ID = "vacuum-full";

    public VacuumFull() {
        super(ID, Severity.ERROR, "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.Maintenance m && m.kind() == StatementKind.VACUUM && m.full()) {
            reporter.report(statement, "VACUUM FULL rewrites " + (m.tables().isEmpty() ? "every table" : m.tables().get(0))
                            + " while an ACCESS EXCLUSIVE lock blocks all reads and writes",
                    "use plain VACUUM (it runs beside traffic), or pg_repack / pg_squeeze to give space back online");
        }
    }
}
