package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.util.List;

/**
 * Merge several columns into one: the new column computed by {@code up} (backfill, and rows the old
 * version writes); each old column computed by its {@code down} for rows the new version writes, and
 * dropped at complete.
 */
final class MergeColumnsOp implements OnlineOperation {

    private final Operation.MergeColumns op;

    MergeColumnsOp(Operation.MergeColumns op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        return ReplacedColumns.plan(shape, "merge_columns", op.columns(),
                List.of(new ReplacedColumns.Added(op.column(), op.type(), op.up())), op.down());
    }
}
