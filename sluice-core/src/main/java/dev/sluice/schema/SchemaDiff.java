package dev.sluice.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between two snapshots, in words a person reads: added, removed and changed objects with
 * each changed attribute, and, apart from those, tables whose columns are in another order.
 *
 * <p>Objects that belong to an added or removed table (its columns, constraints, indexes, triggers,
 * policies) are not listed again one by one.
 */
public record SchemaDiff(List<Change> changes, List<ColumnOrderChange> columnOrder) {

    /** The attribute of a column that holds its place; compared as column order, not as an attribute. */
    public static final String POSITION = "position";

    public SchemaDiff {
        changes = List.copyOf(changes);
        columnOrder = List.copyOf(columnOrder);
    }

    public enum ChangeType { ADDED, REMOVED, CHANGED }

    /** One attribute that differs; empty on the side where the attribute is absent. */
    public record AttributeChange(String attribute, Optional<String> before, Optional<String> after) {
        public String describe() {
            return attribute + " " + show(attribute, before) + " -> " + show(attribute, after);
        }

        private static String show(String attribute, Optional<String> value) {
            if (value.isEmpty()) {
                return "none";
            }
            // A hash is only there to show that the body changed; a prefix says as much.
            return attribute.endsWith("sha256") ? value.get().substring(0, Math.min(12, value.get().length())) : value.get();
        }
    }

    /**
     * One object added, removed or changed. {@code object} is the object as it is on the side that has it
     * (after for added and changed, before for removed).
     */
    public record Change(ChangeType type, SchemaObject object, List<AttributeChange> attributes) {
        public Change {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(object, "object");
            attributes = List.copyOf(attributes);
        }

        /** {@code column public.users.email: type varchar(100) -> text; nullable yes -> no}. */
        public String describe() {
            return switch (type) {
                case ADDED -> "added " + object.describe() + summary(object);
                case REMOVED -> "removed " + object.describe() + summary(object);
                case CHANGED -> "changed " + object.describe() + ": "
                        + String.join("; ", attributes.stream().map(AttributeChange::describe).toList());
            };
        }

        private static String summary(SchemaObject o) {
            for (String key : List.of("definition", "type", "values", "base type", "attributes", "version", "returns")) {
                Optional<String> v = o.attribute(key);
                if (v.isPresent()) {
                    String text = v.get().replaceAll("\\s+", " ");
                    return ": " + (text.length() > 120 ? text.substring(0, 117) + "..." : text);
                }
            }
            return "";
        }
    }

    /** A table whose shared columns come in another order. */
    public record ColumnOrderChange(String table, List<String> before, List<String> after) {
        public ColumnOrderChange {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        public String describe() {
            return "column order of table " + table + ": " + String.join(", ", before) + " -> " + String.join(", ", after);
        }
    }

    /** Differences from {@code before} to {@code after}; column order is compared unless {@code ignoreColumnOrder}. */
    public static SchemaDiff between(SchemaSnapshot before, SchemaSnapshot after, boolean ignoreColumnOrder) {
        Map<Key, SchemaObject> old = index(before);
        Map<Key, SchemaObject> now = index(after);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<Key, SchemaObject> e : old.entrySet()) {
            SchemaObject b = e.getValue();
            SchemaObject a = now.get(e.getKey());
            if (a == null) {
                changes.add(new Change(ChangeType.REMOVED, b, List.of()));
                continue;
            }
            List<AttributeChange> attrs = new ArrayList<>();
            Set<String> keys = new TreeSet<>(b.attributes().keySet());
            keys.addAll(a.attributes().keySet());
            for (String k : keys) {
                if (b.kind() == ObjectKind.COLUMN && k.equals(POSITION)) {
                    continue;
                }
                Optional<String> x = b.attribute(k);
                Optional<String> y = a.attribute(k);
                if (!x.equals(y)) {
                    attrs.add(new AttributeChange(k, x, y));
                }
            }
            if (!attrs.isEmpty()) {
                changes.add(new Change(ChangeType.CHANGED, a, attrs));
            }
        }
        for (Map.Entry<Key, SchemaObject> e : now.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                changes.add(new Change(ChangeType.ADDED, e.getValue(), List.of()));
            }
        }
        changes = withoutChildrenOfWholeChanges(changes);
        changes.sort(Comparator.comparing((Change c) -> c.object().kind())
                .thenComparing(c -> c.object().name())
                .thenComparing(Change::type));
        List<ColumnOrderChange> order = ignoreColumnOrder ? List.of() : columnOrder(before, after);
        return new SchemaDiff(changes, order);
    }

    private static List<Change> withoutChildrenOfWholeChanges(List<Change> changes) {
        Set<String> added = new HashSet<>();
        Set<String> removed = new HashSet<>();
        for (Change c : changes) {
            ObjectKind k = c.object().kind();
            boolean container = k == ObjectKind.TABLE || k == ObjectKind.VIEW || k == ObjectKind.MATERIALIZED_VIEW
                    || k == ObjectKind.DOMAIN;
            if (container && c.type() == ChangeType.ADDED) {
                added.add(c.object().name());
            } else if (container && c.type() == ChangeType.REMOVED) {
                removed.add(c.object().name());
            }
        }
        List<Change> kept = new ArrayList<>();
        for (Change c : changes) {
            Optional<String> parent = c.object().parent();
            boolean covered = parent.isPresent()
                    && ((c.type() == ChangeType.ADDED && added.contains(parent.get()))
                    || (c.type() == ChangeType.REMOVED && removed.contains(parent.get())));
            if (!covered) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static List<ColumnOrderChange> columnOrder(SchemaSnapshot before, SchemaSnapshot after) {
        Map<String, List<SchemaObject>> old = columnsByTable(before);
        Map<String, List<SchemaObject>> now = columnsByTable(after);
        List<ColumnOrderChange> result = new ArrayList<>();
        for (Map.Entry<String, List<SchemaObject>> e : new java.util.TreeMap<>(old).entrySet()) {
            List<SchemaObject> other = now.get(e.getKey());
            if (other == null) {
                continue;
            }
            Set<String> common = new HashSet<>(names(e.getValue()));
            common.retainAll(names(other));
            List<String> b = names(e.getValue()).stream().filter(common::contains).toList();
            List<String> a = names(other).stream().filter(common::contains).toList();
            if (!a.equals(b)) {
                result.add(new ColumnOrderChange(e.getKey(), b, a));
            }
        }
        return result;
    }

    private static Map<String, List<SchemaObject>> columnsByTable(SchemaSnapshot s) {
        Map<String, List<SchemaObject>> byTable = new HashMap<>();
        for (SchemaObject o : s.objects(ObjectKind.COLUMN)) {
            o.parent().ifPresent(t -> byTable.computeIfAbsent(t, x -> new ArrayList<>()).add(o));
        }
        for (List<SchemaObject> cols : byTable.values()) {
            cols.sort(Comparator.comparingInt(SchemaDiff::position));
        }
        return byTable;
    }

    private static int position(SchemaObject column) {
        try {
            return Integer.parseInt(column.attribute(POSITION).orElse("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> names(List<SchemaObject> columns) {
        return columns.stream().map(c -> c.name().substring(c.name().lastIndexOf('.') + 1)).toList();
    }

    private record Key(ObjectKind kind, String name) {
    }

    private static Map<Key, SchemaObject> index(SchemaSnapshot s) {
        Map<Key, SchemaObject> map = new java.util.LinkedHashMap<>();
        for (SchemaObject o : s.objects()) {
            map.put(new Key(o.kind(), o.name()), o);
        }
        return map;
    }

    public boolean isEmpty() {
        return changes.isEmpty() && columnOrder.isEmpty();
    }

    /** One line per change, column order last. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        changes.forEach(c -> lines.add(c.describe()));
        columnOrder.forEach(c -> lines.add(c.describe()));
        return lines;
    }
}
