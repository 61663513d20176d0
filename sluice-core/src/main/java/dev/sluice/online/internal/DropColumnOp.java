package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;

import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * Drop column, softly: the new version's view no longer shows it at start, and the column itself is
 * dropped at complete, when no old client is left to read it. {@code down} gives its value for rows the
 * new version inserts; it is required when the column is NOT NULL without a default.
 */
final class DropColumnOp implements OnlineOperation {

    private final Operation.DropColumn op;

    DropColumnOp(Operation.DropColumn op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        TableShape.ViewColumn view = shape.column("drop_column", op.column());
        shape.touch("drop_column", view.physical);
        TableInfo.Column old = shape.table.column(view.physical).orElseThrow();
        if (old.notNull() && old.defaultExpr().isEmpty() && op.down() == null) {
            throw new OnlineException("drop_column: " + shape.table.label() + "." + old.name() + " is NOT NULL without a default,"
                    + " so rows the new version inserts need a value for it; add 'down: <expression>'");
        }
        shape.view.remove(view);
        shape.dropsAtComplete("drop_column", old.name());
        if (op.down() != null && !op.down().isBlank()) {
            shape.rules.add(new SyncRule.Backwrite(old.name(), op.down()));
        }
        return new OperationSteps(List.of(), List.of(),
                List.of("alter table " + shape.table.qualified() + " drop column " + quote(old.name())), List.of());
    }
}
