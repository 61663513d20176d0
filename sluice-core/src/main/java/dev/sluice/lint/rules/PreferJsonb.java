package dev.sluice.lint.rules;

import dev.sluice.lint.Severity;

/** Flags {@code json} columns: stored as text, re-parsed on every access, no equality, no GIN index. */
public final class PreferJsonb extends TypeRule {

    public static final String ID = "prefer-jsonb";

    public PreferJsonb() {
        super(ID, Severity.WARNING, "json columns cannot be indexed or compared; use jsonb");
    }

    @Override
    String judge(ColumnTypes.Declared d) {
        return d.type().name().equals("json") ? "json is stored as text and parsed on every use; it has no equality operator "
                + "and no GIN index support" : null;
    }

    @Override
    String alternative(ColumnTypes.Declared d) {
        return d.column() + " jsonb" + (d.type().array() ? "[]" : "");
    }
}
