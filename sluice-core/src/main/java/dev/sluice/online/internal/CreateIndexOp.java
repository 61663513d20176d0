package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * Create index concurrently: built after the start transaction, in autocommit, taking SHARE UPDATE
 * EXCLUSIVE (reads and writes go on). A build that fails leaves an invalid index; start run again drops
 * it and builds again. Rollback drops the index concurrently; complete has nothing left to do.
 *
 * <p>Refused when the name is taken: with {@code IF NOT EXISTS} the build would keep someone else's index,
 * and rollback would drop it.
 */
final class CreateIndexOp implements OnlineOperation {

    private final Operation.CreateIndex op;

    CreateIndexOp(Operation.CreateIndex op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        throw new IllegalStateException("create_index asks the catalog; use plan(Connection, TableShape)");
    }

    @Override
    public OperationSteps plan(Connection c, TableShape shape) throws SQLException {
        if (CatalogReader.relationExists(c, shape.table.schema(), op.name())) {
            throw new OnlineException("create_index: " + shape.table.schema() + "." + op.name() + " exists already; choose another name");
        }
        String build = "create " + (op.unique() ? "unique " : "") + "index concurrently if not exists " + quote(op.name())
                + " on " + shape.table.qualified()
                + (op.method() == null || op.method().isBlank() ? "" : " using " + op.method())
                + " (" + String.join(", ", op.columns()) + ")"
                + (op.where() == null || op.where().isBlank() ? "" : " where " + op.where());
        return new OperationSteps(List.of(), List.of(), List.of(), List.of(), List.of(build), List.of(),
                List.of(dropConcurrently(shape.table.schema(), op.name())));
    }

    static String dropConcurrently(String schema, String name) {
        return "drop index concurrently if exists " + quote(schema) + "." + quote(name);
    }
}
