package dev.sluice.online.internal;

import dev.sluice.online.Operation;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * Add column: added at start with its constant default (no rewrite since PostgreSQL 11), computed for
 * existing rows and for rows the old version writes by {@code up}; a NOT NULL column gets a NOT VALID
 * check at start and SET NOT NULL at complete, after the check is validated.
 *
 * <p>Hazard: a volatile default ({@code now()}, {@code random()}) rewrites the table under an exclusive
 * lock; use {@code up} for a computed value instead.
 */
final class AddColumnOp implements OnlineOperation {

    private final Operation.AddColumn op;

    AddColumnOp(Operation.AddColumn op) {
        this.op = op;
    }

    @Override
    public OperationSteps plan(TableShape shape) {
        shape.requireFree("add_column", op.column());
        shape.touch("add_column", op.column());
        String table = shape.table.qualified();
        String column = quote(op.column());
        List<String> expand = new ArrayList<>();
        expand.add("alter table " + table + " add column " + column + " " + op.type()
                + (op.defaultValue() == null ? "" : " default " + op.defaultValue()));
        List<String> validate = new ArrayList<>();
        List<String> contract = new ArrayList<>();
        if (op.notNull()) {
            String check = quote(TableShape.notNullCheck(op.column()));
            expand.add("alter table " + table + " add constraint " + check + " check (" + column + " is not null) not valid");
            validate.add("alter table " + table + " validate constraint " + check);
            contract.add("alter table " + table + " alter column " + column + " set not null");
            contract.add("alter table " + table + " drop constraint " + check);
        }
        shape.view.add(new TableShape.ViewColumn(op.column(), op.column(), op.type()));
        if (op.up() != null && !op.up().isBlank()) {
            shape.rules.add(new SyncRule.Fill(op.column(), op.up()));
            shape.backfill = true;
        }
        return new OperationSteps(expand, validate, contract, List.of("alter table " + table + " drop column " + column));
    }
}
