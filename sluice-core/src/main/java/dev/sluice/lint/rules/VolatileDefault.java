package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.PgStatement;


/**
 * Flags a new column whose default is volatile. Since PostgreSQL 11 a constant or stable default (even
 * {@code now()}) is stored once in the catalog; a volatile one must be computed for every row, which
 * rewrites the table.
 */
public final class VolatileDefault extends BaseRule {

    public static final String ID = "volatile-default";

    public VolatileDefault() {
        super(ID, Severity.ERROR, "A new column with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp()...) rewrites the table");
    }

    @Override
    public boolean costGrowsWithTable() {
        return true;
    }

    @Override
    public void visit(LintContext context, int index, PgStatement statement, Reporter reporter) {
        if (!(statement instanceof PgStatement.AlterTable at) || context.isNew(at.name(), index)) {
            return;
        }
        for (AlterTableAction a : at.actions()) {
            ColumnDefinition c = a.newColumn().orElse(null);
            if (c == null || c.defaultValue().isEmpty()) {
                continue;
            }
            if (c.hasVolatileDefault()) {
                reporter.report(statement, a.line(), a.col(), "the default of " + c.name() + " (" + c.defaultValue().get()
                                + ") is volatile: every row gets its own value, so " + at.name()
                                + " is rewritten under an ACCESS EXCLUSIVE lock",
                        "ALTER TABLE " + at.name() + " ADD COLUMN " + c.name() + " " + c.type() + ";\n"
                                + "ALTER TABLE " + at.name() + " ALTER COLUMN " + c.name() + " SET DEFAULT "
                                + c.defaultValue().get() + ";\n-- then backfill the existing rows in batches");
            }
        }
    }
}
