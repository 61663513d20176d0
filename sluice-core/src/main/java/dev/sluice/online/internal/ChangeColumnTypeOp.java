package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;

/**
 * Change column type: a shadow column of the new type, filled with {@code up} and written back with
 * {@code down}, swapped in at complete. A NOT NULL column stays NOT NULL through a validated check; a
 * default is carried over as {@code ALTER COLUMN TYPE} carries it: converted by the assignment cast to the new
 * type (so the schema after complete is the plain migration's), and refused at start where there is none.
 *
 * <p>Refused for a column in an index or constraint: the swap would drop them, and rebuilding them
 * concurrently is not part of this operation yet.
 */
final class ChangeColumnTypeOp implements OnlineOperation {

    private final Operation.ChangeColumnType op;

    ChangeColumnTypeOp(Operation.ChangeColumnType op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        TableShape.ViewColumn view = shape.column("change_column_type", op.column());
        if (shape.table.constrained().contains(view.physical)) {
            throw new OnlineException("change_column_type: " + shape.table.label() + "." + view.physical
                    + " is used by an index or a constraint, which the swap at complete would drop; drop them first"
                    + " (DROP INDEX CONCURRENTLY) and create them again after complete");
        }
        TableInfo.Column old = shape.table.column(view.physical).orElseThrow();
        // As ALTER COLUMN TYPE does: the server converts the default by the assignment cast, or refuses it.
        String defaultExpr = old.defaultExpr().orElse(null);
        return DuplicatedColumn.plan(shape, "change_column_type", op.column(), op.type(), defaultExpr, old.notNull(),
                op.up(), op.down());
    }
}
