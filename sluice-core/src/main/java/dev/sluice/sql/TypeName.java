package dev.sluice.sql;

import java.util.List;
import java.util.Set;

/**
 * A column's data type, with the synonyms PostgreSQL accepts brought to one spelling
 * ({@code int4}, {@code int} and {@code integer} are all {@code integer}; {@code character varying} is
 * {@code varchar}; {@code timestamp without time zone} is {@code timestamp}), so rules compare types
 * without knowing every spelling.
 *
 * @param name      the canonical base name, lower case
 * @param modifiers the type modifiers, e.g. {@code [10, 2]} for {@code numeric(10,2)}; empty when none
 * @param array     whether it is an array type
 * @param text      the type as written
 */
public record TypeName(String name, List<Integer> modifiers, boolean array, String text) {

    private static final Set<String> SERIALS = Set.of("serial", "bigserial", "smallserial");

    public TypeName {
        modifiers = List.copyOf(modifiers);
    }

    public boolean isSerial() {
        return SERIALS.contains(name) && !array;
    }

    /** The first modifier (a length or a precision), or -1 when there is none. */
    public int length() {
        return modifiers.isEmpty() ? -1 : modifiers.get(0);
    }

    /** The second modifier (a numeric scale), 0 when absent, as PostgreSQL defaults it. */
    public int scale() {
        return modifiers.size() > 1 ? modifiers.get(1) : 0;
    }

    /** Brings a spelled type name to its canonical form; {@code words} are the lower-case words of the name. */
    public static String canonical(String joined) {
        return switch (joined) {
            case "int", "int4", "integer" -> "integer";
            case "int2", "smallint" -> "smallint";
            case "int8", "bigint" -> "bigint";
            case "serial4", "serial" -> "serial";
            case "serial8", "bigserial" -> "bigserial";
            case "serial2", "smallserial" -> "smallserial";
            case "character varying", "varchar" -> "varchar";
            case "character", "char", "bpchar" -> "char";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            case "timestamptz", "timestamp with time zone" -> "timestamptz";
            case "time", "time without time zone" -> "time";
            case "timetz", "time with time zone" -> "timetz";
            case "decimal", "numeric" -> "numeric";
            case "float8", "double precision", "float" -> "double precision";
            case "float4", "real" -> "real";
            case "bool", "boolean" -> "boolean";
            case "bit varying", "varbit" -> "varbit";
            default -> joined;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
