package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Drop index concurrently, at complete: old clients keep the index while the change is in progress. The
 * drop runs first in complete, in autocommit; should the rest of complete then fail, rollback builds the
 * index again concurrently from its definition as read at start, so the schema is what it was.
 */
final class DropIndexOp implements OnlineOperation {

    private final Operation.DropIndex op;

    DropIndexOp(Operation.DropIndex op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        throw new IllegalStateException("drop_index asks the catalog; use plan(Connection, TableShape)");
    }

    @Override
    public OperationSteps plan(Connection c, TableShape shape) throws SQLException {
        CatalogReader.Index index = CatalogReader.index(c, shape.table.schema(), op.name()).orElseThrow(() -> new OnlineException(
                "drop_index: " + shape.table.schema() + "." + op.name() + " is not an index; check the 'name' of the operation"));
        if (!index.table().equals(shape.table.name())) {
            throw new OnlineException("drop_index: " + shape.table.schema() + "." + op.name() + " is an index of " + index.table()
                    + ", not of " + shape.table.name() + "; check the 'table' of the operation");
        }
        if (index.constraint().isPresent()) {
            throw new OnlineException("drop_index: " + op.name() + " backs the constraint " + index.constraint().get()
                    + "; drop the constraint instead (raw_sql)");
        }
        String rebuild = index.definition().replaceFirst("(?i)^(CREATE (UNIQUE )?INDEX )", "$1CONCURRENTLY IF NOT EXISTS ");
        return new OperationSteps(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(CreateIndexOp.dropConcurrently(shape.table.schema(), op.name())), List.of(rebuild));
    }
}
