package dev.sluice.lint.rules;

import dev.sluice.lint.Severity;

/** Flags {@code timestamp without time zone}: the same instant reads differently depending on the session's zone. */
public final class PreferTimestamptz extends TypeRule {

    public static final String ID = "prefer-timestamptz";

    public PreferTimestamptz() {
        super(ID, Severity.WARNING, "timestamp without time zone loses the instant; use timestamptz");
    }

    @Override
    String judge(ColumnTypes.Declared d) {
        return d.type().name().equals("timestamp")
                ? "timestamp without time zone stores a wall-clock reading, not an instant; arithmetic across zones and "
                + "daylight saving goes wrong" : null;
    }

    @Override
    String alternative(ColumnTypes.Declared d) {
        return d.column() + " timestamptz";
    }
}
