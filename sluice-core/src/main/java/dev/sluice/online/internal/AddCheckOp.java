package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;

import static dev.sluice.db.Identifiers.quote;

/**
 * Add check safely: {@code NOT VALID} in the start transaction (catalog only), so writes of both versions
 * are checked from then on; {@code VALIDATE CONSTRAINT} at complete scans the existing rows without
 * blocking writes. Rollback drops it.
 *
 * <p>Hazard: old clients are checked too from start; a check they may break needs a new column instead
 * (add_column with {@code up}).
 */
final class AddCheckOp implements OnlineOperation {

    private final Operation.AddCheck op;

    AddCheckOp(Operation.AddCheck op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        throw new IllegalStateException("add_check asks the catalog; use plan(Connection, TableShape)");
    }

    @Override
    public OperationSteps plan(Connection c, TableShape shape) throws SQLException {
        Constraints.requireFree(c, "add_check", shape, op.name());
        String table = shape.table.qualified();
        return Constraints.notValid(table, op.name(),
                "alter table " + table + " add constraint " + quote(op.name()) + " check (" + op.check() + ") not valid");
    }
}
