package dev.sluice.online.internal;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * The expand/contract of a column that the new version sees with another type or constraint: a shadow
 * column next to it, kept in step by the trigger, swapped in at complete. Shared by the type change and
 * SET NOT NULL.
 */
final class DuplicatedColumn {

    private DuplicatedColumn() {
    }

    /**
     * @param newType   the shadow's type
     * @param defaultExpr the shadow's default (SQL), or null
     * @param notNull   whether the new version's column is NOT NULL (a NOT VALID check at start, SET NOT NULL at complete)
     */
    static OperationSteps plan(TableShape shape, String operation, String column, String newType, String defaultExpr,
                               boolean notNull, String up, String down) {
        return plan(shape, operation, column, newType, defaultExpr, notNull, up, down, false);
    }

    /** @param nullIsAValue the new column holds NULL the new version wrote, which a write elsewhere must keep */
    static OperationSteps plan(TableShape shape, String operation, String column, String newType, String defaultExpr,
                               boolean notNull, String up, String down, boolean nullIsAValue) {
        TableShape.ViewColumn view = shape.column(operation, column);
        shape.touch(operation, view.physical);
        String old = view.physical;
        shape.dropsAtComplete(operation, old);
        String shadow = TableShape.shadow(old);
        String check = TableShape.notNullCheck(old);
        String table = shape.table.qualified();
        List<String> expand = new ArrayList<>();
        expand.add("alter table " + table + " add column " + quote(shadow) + " " + newType);
        if (defaultExpr != null) {
            expand.add("alter table " + table + " alter column " + quote(shadow) + " set default " + defaultExpr);
        }
        List<String> validate = new ArrayList<>();
        List<String> contract = new ArrayList<>();
        contract.add("alter table " + table + " drop column " + quote(old));
        contract.add("alter table " + table + " rename column " + quote(shadow) + " to " + quote(old));
        if (notNull) {
            expand.add("alter table " + table + " add constraint " + quote(check) + " check (" + quote(shadow) + " is not null) not valid");
            validate.add("alter table " + table + " validate constraint " + quote(check));
            contract.add("alter table " + table + " alter column " + quote(old) + " set not null");
            contract.add("alter table " + table + " drop constraint " + quote(check));
        }
        view.physical = shadow;
        view.type = newType;
        shape.rules.add(new SyncRule.Duplicate(old, shadow, up, down, nullIsAValue));
        shape.backfill = true;
        return new OperationSteps(expand, validate, contract,
                List.of("alter table " + table + " drop column " + quote(shadow)));
    }
}
