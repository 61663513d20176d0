package dev.sluice.online.internal;

import dev.sluice.online.OnlineMigrationFile;
import dev.sluice.online.Operation;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * The plain migration an online file stands for: the statements a team would run in one transaction with
 * the application stopped (rename the column, change the type {@code USING up}, fill NULLs with {@code up}
 * and set NOT NULL, ...). The rehearsal runs them to prove that complete leaves the schema a plain migration
 * would; only the column order may differ, since online changes add their new columns at the end.
 *
 * <p>Renames come last: every expression of the file ({@code up}, a check, an index's elements) uses the
 * names as they are before it, and table renames come after column renames, as in complete.
 * Hazard: an index is built without {@code CONCURRENTLY} here, so this is for scratch databases only.
 */
public final class PlainMigration {

    private PlainMigration() {
    }

    /** The statements, in order. */
    public static List<String> statements(OnlineMigrationFile file) {
        List<String> out = new ArrayList<>();
        List<String> columnRenames = new ArrayList<>();
        List<String> tableRenames = new ArrayList<>();
        for (Operation op : file.operations()) {
            if (op instanceof Operation.RenameTable t) {
                tableRenames.add("alter table " + t.from() + " rename to " + quote(t.to()));
            } else if (op instanceof Operation.RenameColumn) {
                columnRenames.addAll(of(op));
            } else {
                out.addAll(of(op));
            }
        }
        out.addAll(columnRenames);
        out.addAll(tableRenames);
        return out;
    }

    private static List<String> of(Operation op) {
        String alter = op.table() == null ? "" : "alter table " + op.table() + " ";
        if (op instanceof Operation.RenameColumn r) {
            return List.of(alter + "rename column " + quote(r.from()) + " to " + quote(r.to()));
        } else if (op instanceof Operation.ChangeColumnType t) {
            return List.of(alter + "alter column " + quote(t.column()) + " type " + t.type() + " using (" + t.up() + ")");
        } else if (op instanceof Operation.SetNotNull n) {
            return List.of("update " + n.table() + " set " + quote(n.column()) + " = (" + n.up() + ") where " + quote(n.column()) + " is null",
                    alter + "alter column " + quote(n.column()) + " set not null");
        } else if (op instanceof Operation.AddColumn a) {
            List<String> s = new ArrayList<>();
            s.add(alter + "add column " + quote(a.column()) + " " + a.type() + (blank(a.defaultValue()) ? "" : " default " + a.defaultValue()));
            if (!blank(a.up())) {
                s.add("update " + a.table() + " set " + quote(a.column()) + " = (" + a.up() + ")");
            }
            if (a.notNull()) {
                s.add(alter + "alter column " + quote(a.column()) + " set not null");
            }
            return s;
        } else if (op instanceof Operation.DropColumn d) {
            return List.of(alter + "drop column " + quote(d.column()));
        } else if (op instanceof Operation.DropNotNull n) {
            return List.of(alter + "alter column " + quote(n.column()) + " drop not null");
        } else if (op instanceof Operation.CreateIndex i) {
            return List.of("create " + (i.unique() ? "unique " : "") + "index " + quote(i.name()) + " on " + i.table()
                    + (blank(i.method()) ? "" : " using " + i.method()) + " (" + String.join(", ", i.columns()) + ")"
                    + (blank(i.where()) ? "" : " where " + i.where()));
        } else if (op instanceof Operation.DropIndex i) {
            String table = i.table();
            String schema = table.contains(".") ? table.substring(0, table.lastIndexOf('.') + 1) : "";
            return List.of("drop index " + schema + quote(i.name()));
        } else if (op instanceof Operation.AddForeignKey f) {
            return List.of(alter + "add constraint " + quote(f.name()) + " foreign key (" + Constraints.columns(f.columns())
                    + ") references " + f.references().table() + " (" + Constraints.columns(f.references().columns()) + ")"
                    + (blank(f.onDelete()) ? "" : " on delete " + f.onDelete()));
        } else if (op instanceof Operation.AddCheck k) {
            return List.of(alter + "add constraint " + quote(k.name()) + " check (" + k.check() + ")");
        } else if (op instanceof Operation.AddUnique u) {
            return List.of(alter + "add constraint " + quote(u.name()) + " unique (" + Constraints.columns(u.columns()) + ")");
        } else if (op instanceof Operation.RawSql r) {
            List<String> s = new ArrayList<>(Operation.statements("raw_sql", "up", r.up()));
            if (r.onComplete() != null) {
                s.addAll(Operation.statements("raw_sql", "on_complete", r.onComplete()));
            }
            return s;
        } else if (op instanceof Operation.SplitColumn sc) {
            List<String> s = new ArrayList<>();
            for (Operation.NewColumn n : sc.into()) {
                s.add(alter + "add column " + quote(n.name()) + " " + n.type());
            }
            for (Operation.NewColumn n : sc.into()) {
                s.add("update " + sc.table() + " set " + quote(n.name()) + " = (" + n.up() + ")");
            }
            s.add(alter + "drop column " + quote(sc.column()));
            return s;
        } else if (op instanceof Operation.MergeColumns m) {
            List<String> s = new ArrayList<>();
            s.add(alter + "add column " + quote(m.column()) + " " + m.type());
            s.add("update " + m.table() + " set " + quote(m.column()) + " = (" + m.up() + ")");
            for (String c : m.columns()) {
                s.add(alter + "drop column " + quote(c));
            }
            return s;
        }
        throw new IllegalArgumentException("no plain form of " + op.kind());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
