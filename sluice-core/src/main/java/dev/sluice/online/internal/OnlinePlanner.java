package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.OnlineMigrationFile;
import dev.sluice.online.OnlinePlan;
import dev.sluice.online.OnlineStep;
import dev.sluice.online.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.sluice.db.Identifiers.quote;

/**
 * Turns an online migration file and the tables as they are into an {@link OnlinePlan}: the operations'
 * own statements, plus per touched table the new version's view and, when an operation needs one, the
 * sync trigger.
 *
 * <p>After complete the physical tables have the new version's shape, so its view schema is dropped: a
 * client whose search_path still names it finds the tables in the base schema (PostgreSQL passes over a
 * schema in the search_path that does not exist).
 *
 * <p>Start is one transaction (schema, columns, NOT VALID checks, trigger, views): either the new version
 * exists whole or not at all. Complete validates checks first, each on its own (no write lock), then
 * swaps in one short transaction. Rollback is one transaction.
 */
public final class OnlinePlanner {

    /** The plan and what the runner needs besides it. */
    public record Planned(OnlinePlan plan, List<BackfillTarget> backfills, PhaseSql phases) {
    }

    /**
     * A table whose existing rows the backfill fills, in batches keyed on {@code key}, each an UPDATE with the
     * SET list {@code assignments}.
     */
    public record BackfillTarget(String label, String qualified, String key, String keyType, String assignments) {
    }

    private OnlinePlanner() {
    }

    public static Planned plan(Connection c, OnlineMigrationFile file, String version, String viewSchema, String oldSchema,
                               String baseSchema) throws SQLException {
        Map<String, TableShape> shapes = new LinkedHashMap<>();
        List<String> expand = new ArrayList<>();
        List<String> validate = new ArrayList<>();
        List<String> contract = new ArrayList<>();
        List<String> undo = new ArrayList<>();
        List<String> startConcurrent = new ArrayList<>();
        List<String> completeConcurrent = new ArrayList<>();
        List<String> undoConcurrent = new ArrayList<>();
        List<ConstraintsOnDroppedColumns.Planned> planned = new ArrayList<>();
        for (Operation op : file.operations()) {
            TableShape shape = null;
            if (op.table() != null) {
                TableInfo info = CatalogReader.table(c, op.table(), baseSchema);
                shape = shapes.get(info.label());
                if (shape == null) {
                    shape = new TableShape(info);
                    shapes.put(info.label(), shape);
                }
            }
            planned.add(new ConstraintsOnDroppedColumns.Planned(op, planned.size() + 1, shape));
            OperationSteps steps = OnlineOperation.of(op).plan(c, shape);
            expand.addAll(steps.expand());
            validate.addAll(steps.validate());
            contract.addAll(steps.contract());
            undo.addAll(0, steps.undo());
            startConcurrent.addAll(steps.startConcurrent());
            completeConcurrent.addAll(steps.completeConcurrent());
            undoConcurrent.addAll(0, steps.undoConcurrent());
        }
        ConstraintsOnDroppedColumns.refuse(planned);
        // A table is renamed last, after every other statement of complete that names it by its old name.
        for (TableShape shape : shapes.values()) {
            if (shape.renameTo != null) {
                contract.add("alter table " + shape.table.qualified() + " rename to " + quote(shape.renameTo));
            }
        }
        boolean invoker = CatalogReader.serverVersion(c) >= 150000;
        List<String> start = new ArrayList<>();
        start.add("create schema " + quote(viewSchema));
        start.addAll(expand);
        List<String> dropViews = new ArrayList<>();
        List<String> dropTriggers = new ArrayList<>();
        List<BackfillTarget> backfills = new ArrayList<>();
        for (TableShape shape : shapes.values()) {
            if (!shape.rules.isEmpty()) {
                start.addAll(SyncTrigger.create(viewSchema, shape));
                dropTriggers.addAll(SyncTrigger.drop(viewSchema, shape));
            }
            start.add(view(viewSchema, shape, invoker));
            dropViews.add("drop view " + quote(viewSchema) + "." + quote(shape.viewName));
            if (shape.backfill) {
                String key = shape.table.primaryKey().orElseThrow(() -> new OnlineException(shape.table.label()
                        + " needs a backfill, which walks the table in batches keyed on a one-column primary key, and it has none;"
                        + " add a primary key first"));
                String keyType = shape.table.column(key).orElseThrow().type();
                backfills.add(new BackfillTarget(shape.table.label(), shape.table.qualified(), key, keyType,
                        SyncTrigger.backfillAssignments(shape)));
            }
        }
        String tables = shapes.values().stream().map(s -> s.table.label()).collect(Collectors.joining(", "));
        List<String> swap = new ArrayList<>(dropViews);
        swap.addAll(dropTriggers);
        swap.add("drop schema " + quote(viewSchema));
        swap.addAll(contract);
        List<String> back = new ArrayList<>(dropViews);
        back.addAll(dropTriggers);
        back.add("drop schema " + quote(viewSchema));
        back.addAll(undo);
        PhaseSql phases = new PhaseSql(startConcurrent, completeConcurrent, validate, swap, undoConcurrent, back);

        List<OnlineStep> startSteps = new ArrayList<>();
        startSteps.add(new OnlineStep("expand: new columns and checks, sync triggers, views of the new version",
                start, true, "ACCESS EXCLUSIVE" + (tables.isEmpty() ? "" : " on " + tables)
                + " for catalog changes only, under lock_timeout, retried"));
        if (!startConcurrent.isEmpty()) {
            startSteps.add(phases.startConcurrentStep(tables));
        }
        return new Planned(new OnlinePlan(version, viewSchema, oldSchema, startSteps,
                backfills.stream().map(BackfillTarget::label).toList(), phases.completeSteps(tables), phases.rollbackSteps(tables)),
                backfills, phases);
    }

    private static String view(String viewSchema, TableShape shape, boolean invoker) {
        String columns = shape.view.stream()
                .map(v -> v.physical.equals(v.name) ? quote(v.name) : quote(v.physical) + " as " + quote(v.name))
                .collect(Collectors.joining(", "));
        return "create view " + quote(viewSchema) + "." + quote(shape.viewName)
                + (invoker ? " with (security_invoker = true)" : "")
                + " as select " + columns + " from " + shape.table.qualified();
    }
}
