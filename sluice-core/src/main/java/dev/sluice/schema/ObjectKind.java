package dev.sluice.schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of object a snapshot holds. The label is what the canonical form and the diff call the kind,
 * so it never changes once released.
 */
public enum ObjectKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    ENUM("enum"),
    DOMAIN("domain"),
    COMPOSITE_TYPE("composite type"),
    SEQUENCE("sequence"),
    TABLE("table"),
    COLUMN("column"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    AGGREGATE("aggregate"),
    TRIGGER("trigger"),
    POLICY("policy");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<ObjectKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    /** Kinds whose objects belong to a table or type named by the name minus its last part. */
    boolean isChild() {
        return this == COLUMN || this == CONSTRAINT || this == TRIGGER || this == POLICY;
    }
}
