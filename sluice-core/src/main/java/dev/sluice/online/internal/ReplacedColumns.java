package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.sluice.db.Identifiers.quote;

/**
 * The expand/contract of columns that the new version sees replaced by others (split, merge): the new
 * columns are added at start and computed by their {@code up} for existing rows (backfill) and for rows
 * the old version writes; the old columns are hidden from the new version and recomputed by their
 * {@code down} for rows the new version writes. Complete drops the old columns; rollback the new ones.
 */
final class ReplacedColumns {

    /** A column the new version gets. */
    record Added(String name, String type, String up) {
    }

    private ReplacedColumns() {
    }

    /** @param down per old column (as the new version does not name it), its value from the new version's columns */
    static OperationSteps plan(TableShape shape, String operation, List<String> oldColumns, List<Added> added, Map<String, String> down) {
        String table = shape.table.qualified();
        List<String> physical = new ArrayList<>();
        for (String name : oldColumns) {
            TableShape.ViewColumn view = shape.column(operation, name);
            if (!view.physical.equals(view.name) || shape.table.column(view.physical).isEmpty()) {
                throw new OnlineException(operation + ": column '" + name + "' of " + shape.table.label()
                        + " is changed by an earlier operation of this migration; put this one in a migration of its own");
            }
            if (shape.table.constrained().contains(view.physical)) {
                throw new OnlineException(operation + ": " + shape.table.label() + "." + view.physical
                        + " is used by an index or a constraint, which complete would drop with it; drop them first");
            }
            shape.touch(operation, view.physical);
            shape.dropsAtComplete(operation, view.physical);
            physical.add(view.physical);
        }
        List<String> expand = new ArrayList<>();
        List<String> undo = new ArrayList<>();
        for (Added a : added) {
            shape.requireFree(operation, a.name());
            shape.touch(operation, a.name());
            expand.add("alter table " + table + " add column " + quote(a.name()) + " " + a.type());
            undo.add(0, "alter table " + table + " drop column " + quote(a.name()));
        }
        shape.view.removeIf(v -> physical.contains(v.physical));
        for (Added a : added) {
            shape.view.add(new TableShape.ViewColumn(a.name(), a.name(), a.type()));
            shape.rules.add(new SyncRule.Fill(a.name(), a.up()));
        }
        for (String old : physical) {
            shape.rules.add(new SyncRule.Derive(old, down.get(old)));
        }
        shape.backfill = true;
        List<String> contract = new ArrayList<>();
        for (String old : physical) {
            contract.add("alter table " + table + " drop column " + quote(old));
        }
        return new OperationSteps(expand, List.of(), contract, undo);
    }
}
