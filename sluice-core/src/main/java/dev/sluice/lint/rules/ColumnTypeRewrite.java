package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.lint.Reporter;
import dev.sluice.lint.Severity;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.TypeName;

import java.util.Optional;
import java.util.Set;

/**
 * Flags a column type change that makes PostgreSQL rewrite the table (or at least scan it) under an
 * ACCESS EXCLUSIVE lock. The changes PostgreSQL does in place, because the old values are already valid
 * values of the new type, are known here; the old type comes from the earlier migrations. When the old
 * type is unknown the change is reported, since it cannot be shown to be safe.
 */
public final class ColumnTypeRewrite extends BaseRule {

    public static final String ID = "column-type-rewrite";

    private static final Set<String> TEXT_LIKE = Set.of("text", "varchar");

    public ColumnTypeRewrite() {
        super(ID, Severity.ERROR,
                "Changing a column's type rewrites the table under an ACCESS EXCLUSIVE lock unless the change is binary-coercible");
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
            if (a.type() != AlterTableAction.Type.ALTER_COLUMN_TYPE) {
                continue;
            }
            String column = a.column().orElse("");
            Optional<TypeName> from = context.columnType(at.name(), column);
            TypeName to = a.newType().orElseThrow();
            if (from.isPresent() && !a.hasUsing() && inPlace(from.get(), to)) {
                continue;
            }
            String what = from.map(f -> "from " + f + " to " + to).orElse("to " + to + " (its current type is not known "
                    + "from the migrations)");
            reporter.report(statement, a.line(), a.col(), "changing " + at.name() + "." + column + " " + what
                            + " rewrites the table and its indexes while an ACCESS EXCLUSIVE lock blocks all reads and writes",
                    "add a new column of the new type, write to both, backfill in batches, then switch readers and drop the old one; "
                            + "in-place changes: varchar(n) to varchar(m>n) or text, numeric(p,s) to numeric(q>p,s), "
                            + "varbit(n) to larger, cidr to inet; or let Sluice do it: the online operation change_column_type"
                            + " in a V<n>__<desc>.yaml file (docs/online.md)");
        }
    }

    /** Whether every value of {@code from} is stored the same way as {@code to}, so no rewrite or scan is needed. */
    static boolean inPlace(TypeName from, TypeName to) {
        if (from.array() != to.array()) {
            return false;
        }
        String f = from.name();
        String t = to.name();
        if (f.equals(t) && from.modifiers().equals(to.modifiers())) {
            return true;
        }
        if (TEXT_LIKE.contains(f) && t.equals("text")) {
            return true;
        }
        if (TEXT_LIKE.contains(f) && t.equals("varchar")) {
            return to.length() < 0 || (f.equals("varchar") && from.length() >= 0 && to.length() >= from.length());
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (to.modifiers().isEmpty()) {
                return true;
            }
            return !from.modifiers().isEmpty() && to.scale() == from.scale() && to.length() >= from.length();
        }
        if (f.equals("varbit") && t.equals("varbit")) {
            return to.length() < 0 || (from.length() >= 0 && to.length() >= from.length());
        }
        if (f.equals("cidr") && t.equals("inet")) {
            return true;
        }
        if ((f.equals("timestamp") || f.equals("timestamptz") || f.equals("time") || f.equals("interval")) && f.equals(t)) {
            return to.length() < 0 || (from.length() >= 0 && to.length() >= from.length());
        }
        return false;
    }
}
