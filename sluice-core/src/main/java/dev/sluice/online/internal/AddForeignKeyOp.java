package dev.sluice.online.internal;

import dev.sluice.db.Identifiers;
import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * Add foreign key safely: {@code NOT VALID} in the start transaction (SHARE ROW EXCLUSIVE on both tables,
 * catalog only), so writes of both versions are checked from then on; {@code VALIDATE CONSTRAINT} at
 * complete scans the existing rows under SHARE UPDATE EXCLUSIVE, reads and writes going on. Rollback
 * drops it.
 */
final class AddForeignKeyOp implements OnlineOperation {

    private final Operation.AddForeignKey op;

    AddForeignKeyOp(Operation.AddForeignKey op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        throw new IllegalStateException("add_foreign_key asks the catalog; use plan(Connection, TableShape)");
    }

    @Override
    public OperationSteps plan(Connection c, TableShape shape) throws SQLException {
        Constraints.requireFree(c, "add_foreign_key", shape, op.name());
        String referenced = op.references().table().contains(".") ? Identifiers.quoteQualified(op.references().table())
                : quote(shape.table.schema()) + "." + quote(op.references().table());
        String table = shape.table.qualified();
        String add = "alter table " + table + " add constraint " + quote(op.name()) + " foreign key (" + Constraints.columns(op.columns())
                + ") references " + referenced + " (" + Constraints.columns(op.references().columns()) + ")"
                + (op.onDelete() == null || op.onDelete().isBlank() ? "" : " on delete " + op.onDelete())
                + " not valid";
        return Constraints.notValid(table, op.name(), add);
    }
}
