package dev.sluice.rewrite.internal;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.sluice.db.Identifiers.quote;

/** SQL fragments over a table's primary key columns, for one key column or several. */
record KeySql(List<String> columns, List<String> types) {

    /** {@code "a", "b"} */
    String list() {
        return columns.stream().map(dev.sluice.db.Identifiers::quote).collect(Collectors.joining(", "));
    }

    /** {@code "a" desc, "b" desc} */
    String descending() {
        return columns.stream().map(k -> quote(k) + " desc").collect(Collectors.joining(", "));
    }

    /** The key as a row of text values: {@code array["a"::text, "b"::text]}. */
    String asTextArray() {
        return "array[" + columns.stream().map(k -> quote(k) + "::text").collect(Collectors.joining(", ")) + "]";
    }

    /** {@code (keys) op (?::text[] cast per column)}: one parameter, the key as text[], bound once per column. */
    String compareToParameter(String op) {
        String values = IntStream.range(0, columns.size())
                .mapToObj(i -> "(?::text[])[" + (i + 1) + "]::" + types.get(i)).collect(Collectors.joining(", "));
        return "(" + list() + ") " + op + " (" + values + ")";
    }

    /** {@code keys > mark and keys <= bound}, or only the bound when there is no mark yet; bound by {@link #bindWindow}. */
    String window(boolean withMark) {
        return (withMark ? compareToParameter(">") + " and " : "") + compareToParameter("<=");
    }

    /** Binds the parameters of {@link #window} from {@code index}; returns the next index. */
    int bindWindow(java.sql.Connection c, java.sql.PreparedStatement ps, int index, java.util.Optional<List<String>> mark, List<String> bound)
            throws java.sql.SQLException {
        if (mark.isPresent()) {
            for (int i = 0; i < columns.size(); i++) {
                ps.setArray(index++, c.createArrayOf("text", mark.get().toArray()));
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            ps.setArray(index++, c.createArrayOf("text", bound.toArray()));
        }
        return index;
    }

    /** Keys given as one text[] parameter per key column, element by element: membership test. */
    String inParameters() {
        if (columns.size() == 1) {
            return quote(columns.get(0)) + " = any (?::text[]::" + types.get(0) + "[])";
        }
        String casts = IntStream.range(0, columns.size()).mapToObj(i -> "u" + i + "::" + types.get(i)).collect(Collectors.joining(", "));
        String params = columns.stream().map(k -> "?::text[]").collect(Collectors.joining(", "));
        String aliases = IntStream.range(0, columns.size()).mapToObj(i -> "u" + i).collect(Collectors.joining(", "));
        return "(" + list() + ") in (select " + casts + " from unnest(" + params + ") as u(" + aliases + "))";
    }

}
