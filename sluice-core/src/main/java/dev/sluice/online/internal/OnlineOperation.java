package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;

/** One operation's implementation: edits the table's shape and returns its statements per phase. */
interface OnlineOperation {

    /** Plans the operation on {@code shape}, which it edits (view columns, sync rules, backfill). */
    OperationSteps plan(TableShape shape);

    /**
     * Plans the operation; one that must ask the catalog more than the table's shape (an index's
     * definition, whether a name is taken) overrides this.
     *
     * @param shape the table's shape, or null for an operation on no table ({@code raw_sql})
     */
    default OperationSteps plan(Connection c, TableShape shape) throws SQLException {
        return plan(shape);
    }

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
        } else if (op instanceof Operation.DropNotNull n) {
            return new DropNotNullOp(n);
        } else if (op instanceof Operation.RenameTable t) {
            return new RenameTableOp(t);
        } else if (op instanceof Operation.CreateIndex i) {
            return new CreateIndexOp(i);
        } else if (op instanceof Operation.DropIndex i) {
            return new DropIndexOp(i);
        } else if (op instanceof Operation.AddForeignKey f) {
            return new AddForeignKeyOp(f);
        } else if (op instanceof Operation.AddCheck k) {
            return new AddCheckOp(k);
        } else if (op instanceof Operation.AddUnique u) {
            return new AddUniqueOp(u);
        } else if (op instanceof Operation.RawSql r) {
            return new RawSqlOp(r);
        } else if (op instanceof Operation.SplitColumn sc) {
            return new SplitColumnOp(sc);
        } else if (op instanceof Operation.MergeColumns m) {
            return new MergeColumnsOp(m);
        }
        throw new IllegalArgumentException("no implementation for " + op.kind());
    }
}
