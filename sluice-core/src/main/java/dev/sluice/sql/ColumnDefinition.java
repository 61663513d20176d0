package dev.sluice.sql;

import java.util.Optional;

/**
 * A column as {@code CREATE TABLE} or {@code ADD COLUMN} declares it.
 *
 * @param name            the column's name, folded
 * @param type            its type
 * @param notNull         declared {@code NOT NULL} (a {@code PRIMARY KEY} counts too)
 * @param primaryKey      declared {@code PRIMARY KEY}
 * @param unique          declared {@code UNIQUE}
 * @param defaultValue    the {@code DEFAULT} expression as written, when there is one
 * @param identity        {@code GENERATED ... AS IDENTITY}
 * @param generatedStored {@code GENERATED ALWAYS AS (...) STORED}
 * @param references      an inline {@code REFERENCES} (foreign key)
 * @param check           an inline {@code CHECK}
 * @param line            1-based file line where the column's name stands
 * @param col             1-based column there
 */
public record ColumnDefinition(String name, TypeName type, boolean notNull, boolean primaryKey, boolean unique,
                               Optional<String> defaultValue, boolean identity, boolean generatedStored,
                               boolean references, boolean check, int line, int col) {
}
