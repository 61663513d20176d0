package dev.sluice.lint.rules;

import dev.sluice.lint.Severity;

import java.util.Set;

/** Flags 32- and 16-bit primary keys, which run out and then need a rewrite of the table and every referencing one. */
public final class IntPrimaryKey extends TypeRule {

    public static final String ID = "int-primary-key";

    private static final Set<String> SMALL = Set.of("integer", "smallint", "serial", "smallserial");

    public IntPrimaryKey() {
        super(ID, Severity.WARNING, "integer and smallint primary keys overflow; use bigint");
    }

    @Override
    String judge(ColumnTypes.Declared d) {
        return d.primaryKey() && SMALL.contains(d.type().name()) && !d.type().array()
                ? d.type().name() + " primary key overflows at " + (d.type().name().startsWith("small") ? "32,767" : "2,147,483,647")
                + " rows; widening it later rewrites the table and every table that references it" : null;
    }

    @Override
    String alternative(ColumnTypes.Declared d) {
        return d.column() + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    }
}
