package dev.sluice.history;

/** Quoting of SQL identifiers that come from configuration, so a schema called {@code My App} works. */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code "name"} with embedded quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
