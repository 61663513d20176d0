package dev.sluice.online.internal;

import dev.sluice.db.Identifiers;
import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;

/**
 * Set NOT NULL without a scan under an exclusive lock and without breaking old clients that still write
 * NULL: the new version sees a shadow column guarded by {@code CHECK (... IS NOT NULL) NOT VALID},
 * filled with {@code up}; complete validates the check (no write lock), sets NOT NULL (no scan, the check
 * proves it) and drops the check.
 */
final class SetNotNullOp implements OnlineOperation {

    private final Operation.SetNotNull op;

    SetNotNullOp(Operation.SetNotNull op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        TableShape.ViewColumn view = shape.column("set_not_null", op.column());
        TableInfo.Column old = shape.table.column(view.physical).orElseThrow();
        if (old.notNull()) {
            throw new OnlineException("set_not_null: " + shape.table.label() + "." + old.name() + " is NOT NULL already;"
                    + " remove the operation");
        }
        if (shape.table.constrained().contains(old.name())) {
            throw new OnlineException("set_not_null: " + shape.table.label() + "." + old.name()
                    + " is used by an index or a constraint, which the swap at complete would drop; drop them first"
                    + " and create them again after complete");
        }
        String down = op.down() != null ? op.down() : Identifiers.quote(view.name);
        return DuplicatedColumn.plan(shape, "set_not_null", op.column(), old.type(), old.defaultExpr().orElse(null), true,
                op.up(), down);
    }
}
