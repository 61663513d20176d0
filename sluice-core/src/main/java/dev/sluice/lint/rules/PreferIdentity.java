package dev.sluice.lint.rules;

import dev.sluice.lint.Severity;

/** Flags serial types: identity columns are the SQL-standard form with fewer surprises over ownership and grants. */
public final class PreferIdentity extends TypeRule {

    public static final String ID = "prefer-identity";

    public PreferIdentity() {
        super(ID, Severity.WARNING, "serial columns have ownership and permission pitfalls; use GENERATED ... AS IDENTITY");
    }

    @Override
    String judge(ColumnTypes.Declared d) {
        return d.type().isSerial() ? d.type().name() + " creates a separate sequence with its own grants and owner, and lets "
                + "explicit inserts silently get out of step with it" : null;
    }

    @Override
    String alternative(ColumnTypes.Declared d) {
        return d.column() + " " + (d.type().name().equals("bigserial") ? "bigint" : d.type().name().equals("smallserial")
                ? "smallint" : "integer") + " GENERATED ALWAYS AS IDENTITY";
    }
}
