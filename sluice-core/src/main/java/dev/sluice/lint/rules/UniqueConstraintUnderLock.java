package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;

/** Flags an index-backed constraint built in place instead of adopted from a concurrently built index. */
public final class UniqueConstraintUnderLock extends BaseRule {

    public static final String ID = "unique-constraint-under-lock";

    public UniqueConstraintUnderLock() {
        super(ID, Severity.ERROR,
                "Adding a UNIQUE, PRIMARY KEY or EXCLUDE constraint builds its index under an ACCESS EXCLUSIVE lock");
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
            ConstraintDefinition c = a.constraint().orElse(null);
            ColumnDefinition col = a.newColumn().orElse(null);
            boolean indexed = c != null && !c.usingIndex() && (c.type() == ConstraintDefinition.Type.UNIQUE
                    || c.type() == ConstraintDefinition.Type.PRIMARY_KEY || c.type() == ConstraintDefinition.Type.EXCLUDE);
            boolean inline = col != null && (col.unique() || col.primaryKey());
            if (!indexed && !inline) {
                continue;
            }
            String kind = c != null ? c.type().name().replace('_', ' ') : col.primaryKey() ? "PRIMARY KEY" : "UNIQUE";
            String name = c != null ? c.name().orElse("<name>") : "<name>";
            String alternative = kind.equals("EXCLUDE")
                    ? "no concurrent form exists for EXCLUDE: create the table anew and copy, or accept the lock in a quiet window"
                    : "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + at.name() + " (...);\n"
                    + "-- next migration: ALTER TABLE " + at.name() + " ADD CONSTRAINT " + name + " " + kind
                    + " USING INDEX " + name + ";"
                    + (kind.equals("UNIQUE") ? "\n-- or the online operation add_unique in a V<n>__<desc>.yaml file does both (docs/online.md)" : "");
            reporter.report(statement, a.line(), a.col(), kind + " on existing table " + at.name() + " builds its index while "
                    + "an ACCESS EXCLUSIVE lock blocks all reads and writes", alternative);
        }
    }
}
