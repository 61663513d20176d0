package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;

/** Flags a table, view or schema rename, which breaks every running client that uses the old name. */
public final class RenameTable extends BaseRule {

    public static final String ID = "rename-table";

    public RenameTable() {
        super(ID, Severity.WARNING, "Renaming a table, view or schema, or moving a table to another schema, breaks the application code still running with the old name");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (statement instanceof PgStatement.AlterTable at && !context.isNew(at.name(), index)) {
            for (AlterTableAction a : at.actions()) {
                if (a.type() == AlterTableAction.Type.RENAME_TABLE) {
                    report(statement, "table " + at.name(), a.name().orElse(""), reporter);
                } else if (a.type() == AlterTableAction.Type.SET_SCHEMA) {
                    reporter.report(statement, a.line(), a.col(), "moving table " + at.name() + " to schema " + a.name().orElse("")
                                    + " breaks every query of the running application that names it by its old schema or finds it"
                                    + " through the search_path",
                            "move it, then create a view under the old name (CREATE VIEW " + at.name() + " AS SELECT * FROM "
                                    + a.name().orElse("<schema>") + "." + at.name().name() + ") until no client uses it");
                }
            }
        } else if (statement instanceof PgStatement.AlterObject ao && ao.renameTo().isPresent()
                && (ao.objectType().equals("SCHEMA") || ao.objectType().endsWith("VIEW"))) {
            report(statement, ao.objectType().toLowerCase(java.util.Locale.ROOT) + " " + ao.name(), ao.renameTo().get(), reporter);
        }
    }

    private static void report(PgStatement statement, String what, String to, Reporter reporter) {
        reporter.report(statement, "renaming " + what + " to " + to + " breaks every query of the running application that "
                        + "uses the old name",
                "rename, then create a view with the old name (CREATE VIEW old AS SELECT * FROM new) until no client uses it;"
                        + " or let Sluice do it: the online operation rename_table in a V<n>__<desc>.yaml file (docs/online.md)");
    }
}
