package dev.sluice.schema;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One object of a schema: its kind, a name that identifies it within its kind (schema-qualified, and
 * for columns, constraints, triggers and policies prefixed with their table), and its attributes as
 * text. An attribute that does not apply is absent rather than empty.
 *
 * <p>Attributes are text on purpose: they come from PostgreSQL's own deparsers ({@code format_type},
 * {@code pg_get_indexdef}...), which are what a person reads and what two equal schemas agree on.
 */
public record SchemaObject(ObjectKind kind, String name, SortedMap<String, String> attributes) {

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    public static SchemaObject of(ObjectKind kind, String name, Map<String, String> attributes) {
        return new SchemaObject(kind, name, new TreeMap<>(attributes));
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** {@code column public.users.email}: how messages name the object. */
    public String describe() {
        return kind.label() + " " + name;
    }

    /** The table, view or type this object belongs to, for columns, constraints, triggers, policies and indexes. */
    public Optional<String> parent() {
        if (kind == ObjectKind.INDEX) {
            return attribute("table");
        }
        if (kind.isChild()) {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? Optional.empty() : Optional.of(name.substring(0, dot));
        }
        return Optional.empty();
    }
}
