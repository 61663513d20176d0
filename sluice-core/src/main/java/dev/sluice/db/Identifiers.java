package dev.sluice.db;

/** Quoting of SQL identifiers that come from configuration, so a schema called {@code My App} works. */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * A possibly qualified name with each part quoted ({@code s.t} gives {@code "s"."t"}), for names
     * that were read from SQL with their case already folded.
     */
    public static String quoteQualified(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(quote(part));
        }
        return sb.toString();
    }

    /** {@code "name"} with embedded quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
