package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * Add unique safely: its unique index is built concurrently after the start transaction (enforced for
 * both versions from then on; a build that fails on duplicates leaves an invalid index that start, run
 * again, drops and builds again); complete turns it into the constraint with {@code ADD CONSTRAINT ...
 * UNIQUE USING INDEX}, which scans nothing. Rollback drops the index concurrently.
 */
final class AddUniqueOp implements OnlineOperation {

    private final Operation.AddUnique op;

    AddUniqueOp(Operation.AddUnique op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        throw new IllegalStateException("add_unique asks the catalog; use plan(Connection, TableShape)");
    }

    @Override
    public OperationSteps plan(Connection c, TableShape shape) throws SQLException {
        Constraints.requireFree(c, "add_unique", shape, op.name());
        String table = shape.table.qualified();
        String build = "create unique index concurrently if not exists " + quote(op.name()) + " on " + table
                + " (" + Constraints.columns(op.columns()) + ")";
        return new OperationSteps(List.of(), List.of(),
                List.of("alter table " + table + " add constraint " + quote(op.name()) + " unique using index " + quote(op.name())),
                List.of(), List.of(build), List.of(), List.of(CreateIndexOp.dropConcurrently(shape.table.schema(), op.name())));
    }
}
