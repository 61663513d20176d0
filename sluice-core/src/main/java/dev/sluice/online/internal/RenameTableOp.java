package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Rename table: the new version's view of the table has the new name, over the same physical table, so
 * no trigger and no backfill. Complete renames the table (a catalog-only change), after every other
 * statement of complete, which name it by its old name.
 *
 * <p>Hazard: while the change is in progress the new version's search_path also finds the table under its
 * old name in the base schema; new code should use only the new one.
 */
final class RenameTableOp implements OnlineOperation {

    private final Operation.RenameTable op;

    RenameTableOp(Operation.RenameTable op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        throw new IllegalStateException("rename_table asks the catalog; use plan(Connection, TableShape)");
    }

    @Override
    public OperationSteps plan(Connection c, TableShape shape) throws SQLException {
        if (shape.renameTo != null) {
            throw new OnlineException("rename_table: " + shape.table.label() + " is renamed by an earlier operation of this migration");
        }
        if (CatalogReader.relationExists(c, shape.table.schema(), op.to())) {
            throw new OnlineException("rename_table: " + shape.table.schema() + "." + op.to() + " exists already; choose another name");
        }
        shape.viewName = op.to();
        shape.renameTo = op.to();
        return new OperationSteps(List.of(), List.of(), List.of(), List.of());
    }
}
