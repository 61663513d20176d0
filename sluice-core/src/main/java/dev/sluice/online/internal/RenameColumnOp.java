package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * Rename column: the new version's view shows the column under its new name; both versions write the same
 * physical column, so no trigger and no backfill. Complete renames the column itself, a catalog-only change.
 */
final class RenameColumnOp implements OnlineOperation {

    private final Operation.RenameColumn op;

    RenameColumnOp(Operation.RenameColumn op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        TableShape.ViewColumn column = shape.column("rename_column", op.from());
        shape.requireFree("rename_column", op.to());
        shape.touch("rename_column", column.physical);
        column.name = op.to();
        return new OperationSteps(List.of(), List.of(),
                List.of("alter table " + shape.table.qualified() + " rename column " + quote(column.physical) + " to " + quote(op.to())),
                List.of());
    }
}
