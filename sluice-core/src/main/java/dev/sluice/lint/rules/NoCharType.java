package dev.sluice.lint.rules;

import dev.sluice.lint.Severity;

/** Flags {@code char(n)}: blank-padded, surprising in comparisons, and no faster than text. */
public final class NoCharType extends TypeRule {

    public static final String ID = "no-char-type";

    public NoCharType() {
        super(ID, Severity.WARNING, "char(n) pads with blanks and compares surprisingly; use text");
    }

    @Override
    String judge(ColumnTypes.Declared d) {
        return d.type().name().equals("char") ? d.type() + " pads values with spaces, which comparisons and client code "
                + "handle inconsistently; it is not faster than text" : null;
    }

    @Override
    String alternative(ColumnTypes.Declared d) {
        return d.column() + " text" + (d.type().length() > 0 ? " CHECK (char_length(" + d.column() + ") = " + d.type().length() + ")" : "");
    }
}
