package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.AlterTableCoverage;
import dev.sluice.sql.AlterTableForm;
import dev.sluice.sql.PgStatement;

/**
 * Flags the ALTER TABLE forms that rewrite, copy or read a whole existing table under a lock that blocks
 * its traffic and that no more specific rule covers: SET LOGGED / UNLOGGED, SET TABLESPACE, SET ACCESS
 * METHOD, ALTER COLUMN ... SET EXPRESSION and ATTACH PARTITION. Which forms those are, and what each
 * costs on which major, is read from {@link AlterTableCoverage}: a form whose row names this rule is
 * reported, so the rule and {@code docs/alter-table.md} cannot disagree.
 */
public final class WholeTableUnderLock extends BaseRule {

    public static final String ID = "whole-table-under-lock";

    public WholeTableUnderLock() {
        super(ID, Severity.ERROR, "SET LOGGED/UNLOGGED, SET TABLESPACE, SET ACCESS METHOD, SET EXPRESSION and ATTACH PARTITION "
                + "rewrite, copy or read the whole table under a lock that blocks its traffic");
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!(statement instanceof PgStatement.AlterTable at) || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            String form = AlterTableForm.of(a);
            AlterTableCoverage.Row row = AlterTableCoverage.row(form, Math.max(context.pgVersion(), firstMajor(form)))
                    .orElse(null);
            if (row == null || !row.rules().contains(ID)) {
                continue;
            }
            if (a.type() == AlterTableAction.Type.ATTACH_PARTITION) {
                String partition = a.name().orElse("");
                reporter.report(statement, a.line(), a.col(), "ATTACH PARTITION " + partition + " reads every row of it to prove "
                                + "the partition bound while an ACCESS EXCLUSIVE lock on it blocks its reads and writes "
                                + "(and reads a DEFAULT partition of " + at.name() + " too)",
                        "ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_bound CHECK (<the bound>) NOT VALID;\n"
                                + "ALTER TABLE " + partition + " VALIDATE CONSTRAINT " + partition + "_bound;\n"
                                + "-- then ATTACH PARTITION finds the bound proven and skips the scan; drop the CHECK afterwards");
                continue;
            }
            String what = row.rewrites() ? "rewrites every row of " : "reads every row of ";
            reporter.report(statement, a.line(), a.col(), a.text().strip() + " " + what + at.name() + " while "
                            + article(row.lock()) + " lock blocks " + (row.lock().equals("ACCESS EXCLUSIVE") ? "all reads and writes"
                            : "its writes") + (row.note().isEmpty() ? "" : " (" + row.note() + ")"),
                    "run it when " + at.name() + " may be locked for as long as copying it takes, or build a new table "
                            + "beside it, copy the rows in batches, keep it in step with a trigger and swap the names in one short "
                            + "transaction");
        }
    }

    private static int firstMajor(String form) {
        return AlterTableCoverage.row(form).map(AlterTableCoverage.Row::from).orElse(0);
    }

    private static String article(String lock) {
        return (lock.startsWith("A") || lock.startsWith("E") ? "an " : "a ") + lock;
    }
}
