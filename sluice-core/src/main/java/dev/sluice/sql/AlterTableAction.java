package dev.sluice.sql;

import java.util.Optional;

/**
 * One sub-command of an {@code ALTER TABLE}.
 *
 * @param type         what it does
 * @param column       the column it acts on, when it acts on one
 * @param newColumn    for {@link Type#ADD_COLUMN}: the column
 * @param newType      for {@link Type#ALTER_COLUMN_TYPE}: the new type
 * @param constraint   for {@link Type#ADD_CONSTRAINT}: the constraint
 * @param name         a constraint name (validate, drop), a new name (rename), a partition or a schema
 * @param concurrently {@code DETACH PARTITION ... CONCURRENTLY} or {@code FINALIZE}
 * @param hasUsing     {@code ALTER COLUMN ... TYPE ... USING}
 * @param guarded      carries {@code IF EXISTS} or {@code IF NOT EXISTS}, so a second run changes nothing
 * @param finalizing   {@code DETACH PARTITION ... FINALIZE}, which completes an interrupted concurrent detach
 *                     (and, unlike {@code CONCURRENTLY}, may run in a transaction block)
 * @param text         the sub-command as written
 * @param line         1-based line in the file where it starts
 * @param col          1-based column where it starts
 */
public record AlterTableAction(Type type, Optional<String> column, Optional<ColumnDefinition> newColumn,
                               Optional<TypeName> newType, Optional<ConstraintDefinition> constraint,
                               Optional<String> name, boolean concurrently, boolean hasUsing, boolean guarded,
                               boolean finalizing, String text, int line, int col) {

    /** The sub-commands the lint tells apart; everything else is {@link #OTHER}. */
    public enum Type {
        ADD_COLUMN, DROP_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL, DROP_NOT_NULL, SET_DEFAULT, DROP_DEFAULT,
        ADD_IDENTITY, ADD_CONSTRAINT, VALIDATE_CONSTRAINT, DROP_CONSTRAINT, RENAME_COLUMN, RENAME_TABLE,
        RENAME_CONSTRAINT, SET_SCHEMA, ATTACH_PARTITION, DETACH_PARTITION, SET_TABLESPACE, SET_LOGGED,
        OTHER
    }
}
