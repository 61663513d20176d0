package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One table while a change is planned: the columns the new version's view shows (each a name over a
 * physical column), the rules its sync trigger follows, and whether existing rows need a backfill.
 * Operations edit it in file order.
 */
final class TableShape {

    /** A column of the new version's view: {@code physical AS name}. */
    static final class ViewColumn {
        String name;
        String physical;
        String type;

        ViewColumn(String name, String physical, String type) {
            this.name = name;
            this.physical = physical;
            this.type = type;
        }
    }

    final TableInfo table;
    /** The name the new version's view has: the table's, unless the change renames it. */
    String viewName;
    /** The table's name after complete, when the change renames it. */
    String renameTo;
    final List<ViewColumn> view = new ArrayList<>();
    final List<SyncRule> rules = new ArrayList<>();
    private final Set<String> touched = new HashSet<>();
    /** Physical columns that complete drops, each with the operation that replaces or drops it. */
    final Map<String, String> droppedAtComplete = new LinkedHashMap<>();
    boolean backfill;

    TableShape(TableInfo table) {
        this.table = table;
        this.viewName = table.name();
        for (TableInfo.Column c : table.columns()) {
            view.add(new ViewColumn(c.name(), c.name(), c.type()));
        }
    }

    /** The view column the new version names {@code name}; the operation is refused when there is none. */
    ViewColumn column(String operation, String name) {
        return find(name).orElseThrow(() -> new OnlineException(operation + ": " + table.label() + " has no column '" + name
                + "'; columns: " + view.stream().map(v -> v.name).toList()));
    }

    Optional<ViewColumn> find(String name) {
        return view.stream().filter(v -> v.name.equals(name)).findFirst();
    }

    /** Refuses a name the new version already has. */
    void requireFree(String operation, String name) {
        if (find(name).isPresent() || table.column(name).isPresent()) {
            throw new OnlineException(operation + ": " + table.label() + " already has a column '" + name + "'; choose another name");
        }
    }

    /** One operation per column per migration: two on one column would each undo what the other planned. */
    void touch(String operation, String column) {
        if (!touched.add(column)) {
            throw new OnlineException(operation + ": column '" + column + "' of " + table.label()
                    + " is changed by an earlier operation of this migration; put the second change in a migration of its own");
        }
    }

    /** Complete drops the physical column {@code column}: {@code operation} replaces it or drops it. */
    void dropsAtComplete(String operation, String column) {
        droppedAtComplete.put(column, operation);
    }

    /** A physical column name this change adds; Sluice's prefix keeps it apart from the application's. */
    static String shadow(String column) {
        return cutName("_sluice_new_" + column);
    }

    /** The name of the NOT NULL check that a change adds before SET NOT NULL. */
    static String notNullCheck(String column) {
        return cutName("_sluice_nn_" + column);
    }

    /** {@code name} cut to PostgreSQL's 63 bytes. */
    static String cutName(String name) {
        while (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
