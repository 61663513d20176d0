package dev.sluice.lint.rules;

import dev.sluice.lint.LintContext;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.TypeName;

import java.util.ArrayList;
import java.util.List;

/** The column types a statement declares, for the rules that judge type choices. */
final class ColumnTypes {

    /** A declared column with where it stands. */
    record Declared(QualifiedName table, String column, TypeName type, boolean primaryKey, int line, int col) {
    }

    private ColumnTypes() {
    }

    static List<Declared> of(PgStatement s) {
        List<Declared> out = new ArrayList<>();
        if (s instanceof PgStatement.CreateTable ct) {
            for (ColumnDefinition c : ct.columns()) {
                boolean pk = c.primaryKey() || ct.constraints().stream().anyMatch(k -> k.type()
                        == dev.sluice.sql.ConstraintDefinition.Type.PRIMARY_KEY && k.columns().equals(List.of(c.name())));
                out.add(new Declared(ct.name(), c.name(), c.type(), pk, c.line(), c.col()));
            }
        } else if (s instanceof PgStatement.AlterTable at) {
            for (AlterTableAction a : at.actions()) {
                a.newColumn().ifPresent(c -> out.add(new Declared(at.name(), c.name(), c.type(), c.primaryKey(), a.line(), a.col())));
                if (a.type() == AlterTableAction.Type.ALTER_COLUMN_TYPE) {
                    out.add(new Declared(at.name(), a.column().orElse(""), a.newType().orElseThrow(), false, a.line(), a.col()));
                }
            }
        }
        return out;
    }

    /** Whether a type rule applies: temporary tables are left alone. */
    static boolean applies(LintContext context, PgStatement s) {
        return !(s instanceof PgStatement.CreateTable ct && ct.temporary());
    }
}
