package dev.sluice.lint.rules;

import dev.sluice.lint.Severity;

/** Flags {@code varchar(n)}: the limit costs a risky migration to raise and buys nothing in storage or speed. */
public final class PreferText extends TypeRule {

    public static final String ID = "prefer-text";

    public PreferText() {
        super(ID, Severity.INFO, "varchar(n) limits are costly to change; use text with a CHECK on length where a limit matters");
    }

    @Override
    String judge(ColumnTypes.Declared d) {
        return d.type().name().equals("varchar") && d.type().length() > 0
                ? d.type() + " is stored like text; its limit only adds a future migration when it turns out too small" : null;
    }

    @Override
    String alternative(ColumnTypes.Declared d) {
        return d.column() + " text CHECK (char_length(" + d.column() + ") <= " + d.type().length() + ")";
    }
}
