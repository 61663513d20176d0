package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.util.List;

/**
 * Raw SQL with its own undo: {@code up} in the start transaction, {@code down} in the rollback
 * transaction, {@code on_complete} in the contract transaction. It touches no table's shape, so no view and
 * no trigger: both versions see what {@code up} did.
 *
 * <p>Hazard: Sluice cannot check that {@code down} undoes {@code up}; the lifecycle test of the migration
 * (rollback's schema equals the one before start) does, in {@code rehearse}.
 */
final class RawSqlOp implements OnlineOperation {

    private final Operation.RawSql op;

    RawSqlOp(Operation.RawSql op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        return new OperationSteps(Operation.statements("raw_sql", "up", op.up()), List.of(),
                op.onComplete() == null ? List.of() : Operation.statements("raw_sql", "on_complete", op.onComplete()),
                Operation.statements("raw_sql", "down", op.down()));
    }
}
