package dev.sluice.online.internal;

import dev.sluice.online.Operation;

/** One operation's implementation: edits the table's shape and returns its statements per phase. */
interface OnlineOperation {

    /** Plans the operation on {@code shape}, which it edits (view columns, sync rules, backfill). */
    OperationSteps plan(TableShape shape);

    /** The implementation of a declaration. */
    static OnlineOperation of(Operation op) {
        if (op instanceof Operation.RenameColumn r) {
            return new RenameColumnOp(r);
        } else if (op instanceof Operation.ChangeColumnType t) {
            return new ChangeColumnTypeOp(t);
        } else if (op instanceof Operation.SetNotNull n) {
            return new SetNotNullOp(n);
        } else if (op instanceof Operation.AddColumn a) {
            return new AddColumnOp(a);
        } else if (op instanceof Operation.DropColumn d) {
            return new DropColumnOp(d);
        }
        throw new IllegalArgumentException("no implementation for " + op.kind());
    }
}
