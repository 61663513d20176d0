package dev.sluice.online.internal;

import dev.sluice.db.Identifiers;
import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;

/**
 * Drop NOT NULL without letting NULL reach old clients, which still read the column as NOT NULL: the new
 * version sees a nullable copy, filled with {@code up}; rows it writes give the old column {@code down},
 * which must turn NULL into a value. Complete swaps the copy in; rollback drops it.
 *
 * <p>Dropping the constraint in place would be quicker, but rollback could then not restore it without a
 * scan, and fails outright once the new version wrote NULL.
 */
final class DropNotNullOp implements OnlineOperation {

    private final Operation.DropNotNull op;

    DropNotNullOp(Operation.DropNotNull op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        TableShape.ViewColumn view = shape.column("drop_not_null", op.column());
        TableInfo.Column old = shape.table.column(view.physical).orElseThrow();
        if (!old.notNull()) {
            throw new OnlineException("drop_not_null: " + shape.table.label() + "." + old.name() + " already allows NULL;"
                    + " remove the operation");
        }
        if (shape.table.constrained().contains(old.name())) {
            throw new OnlineException("drop_not_null: " + shape.table.label() + "." + old.name()
                    + " is used by an index or a constraint, which the swap at complete would drop; drop them first"
                    + " and create them again after complete");
        }
        String up = op.up() != null ? op.up() : Identifiers.quote(old.name());
        return DuplicatedColumn.plan(shape, "drop_not_null", op.column(), old.type(), old.defaultExpr().orElse(null), false,
                up, op.down(), true);
    }
}
