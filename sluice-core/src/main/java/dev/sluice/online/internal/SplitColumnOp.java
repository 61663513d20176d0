package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.util.List;
import java.util.Map;

/**
 * Split one column into several: each new column computed by its {@code up} (backfill, and rows the old
 * version writes); the old column computed by {@code down} for rows the new version writes, and dropped at
 * complete.
 */
final class SplitColumnOp implements OnlineOperation {

    private final Operation.SplitColumn op;

    SplitColumnOp(Operation.SplitColumn op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        List<ReplacedColumns.Added> added = op.into().stream()
                .map(c -> new ReplacedColumns.Added(c.name(), c.type(), c.up())).toList();
        return ReplacedColumns.plan(shape, "split_column", List.of(op.column()), added, Map.of(op.column(), op.down()));
    }
}
