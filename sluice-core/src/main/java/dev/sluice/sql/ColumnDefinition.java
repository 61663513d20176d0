package dev.sluice.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param referencedTable the table an inline {@code REFERENCES} names, which the statement locks too
 * @param check           an inline {@code CHECK}
 * @param line            1-based file line where the column's name stands
 * @param col             1-based column there
 */
public record ColumnDefinition(String name, TypeName type, boolean notNull, boolean primaryKey, boolean unique,
                               Optional<String> defaultValue, boolean identity, boolean generatedStored,
                               boolean references, Optional<QualifiedName> referencedTable, boolean check,
                               int line, int col) {

    /** Calls whose value differs from row to row: a default using one must be computed, and stored, per row. */
    private static final Pattern VOLATILE = Pattern.compile(
            "\\b(random|clock_timestamp|timeofday|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4"
                    + "|uuidv4|uuidv7|nextval|txid_current|pg_current_xact_id)\\s*\\(");

    /** Whether the DEFAULT calls a volatile function, so that adding the column rewrites the table. */
    public boolean hasVolatileDefault() {
        return defaultValue.isPresent() && VOLATILE.matcher(defaultValue.get().toLowerCase(Locale.ROOT)).find();
    }
}
