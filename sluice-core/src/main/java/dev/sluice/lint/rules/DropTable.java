package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.MigrationRole;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;

import java.util.Set;

/**
 * Flags a drop of a table, schema or database. Not checked in down files, whose purpose is to remove
 * what their up created, nor for a table created earlier in the same file.
 */
public final class DropTable extends BaseRule {

    public static final String ID = "drop-table";

    private static final Set<String> TYPES = Set.of("TABLE", "SCHEMA", "DATABASE");

    public DropTable() {
        super(ID, Severity.ERROR, "Dropping a table, schema or database destroys its data (not checked in U files)");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (context.role() == MigrationRole.DOWN || !(statement instanceof PgStatement.Drop d) || !TYPES.contains(d.objectType())) {
            return;
        }
        if (d.objectType().equals("TABLE") && d.names().stream().allMatch(n -> context.isNew(n, index))) {
            return;
        }
        String names = String.join(", ", d.names().stream().map(QualifiedName::toString).toList());
        reporter.report(statement, "DROP " + d.objectType() + " " + names + " destroys " + (d.cascade() ? "it and everything "
                        + "that depends on it (CASCADE)" : "its data") + "; there is no way back but a backup",
                "stop using it in the application first, keep a backup (or rename it aside for a release), then drop it with "
                        + "'-- sluice:ignore drop-table <why it is safe>' on the line before");
    }
}
