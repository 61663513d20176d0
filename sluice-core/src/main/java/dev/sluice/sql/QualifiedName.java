package dev.sluice.sql;

import java.util.Optional;

/**
 * A possibly schema-qualified object name, folded the way PostgreSQL folds it: unquoted parts to lower
 * case, quoted parts as written.
 *
 * @param schema the schema when the name was qualified
 * @param name   the object's own name
 */
public record QualifiedName(Optional<String> schema, String name) {

    public static QualifiedName of(String name) {
        return new QualifiedName(Optional.empty(), name);
    }

    /**
     * The name used to compare objects across statements. Unqualified and {@code public.}-qualified names
     * are taken as the same object, which is what a default search_path makes them.
     */
    public String key() {
        return schema.filter(s -> !s.equals("public")).map(s -> s + ".").orElse("") + name;
    }

    @Override
    public String toString() {
        return schema.map(s -> s + ".").orElse("") + name;
    }
}
