package dev.sluice.rewrite.internal;

import java.nio.charset.StandardCharsets;

import static dev.sluice.db.Identifiers.quote;

/**
 * The names of everything a rewrite of one table creates, derived from the table's name so that a second
 * run (a resume, an abort from another process) finds them without asking anyone.
 */
record Names(String schema, String table) {

    String shadow() {
        return cut("_sluice_rw_" + table);
    }

    String retired() {
        return cut("_sluice_old_" + table);
    }

    String forwardLog() {
        return cut("_sluice_rwlog_" + table);
    }

    String reverseLog() {
        return cut("_sluice_rwrev_" + table);
    }

    String captureFunction(String log) {
        return cut("_sluice_cap" + log);
    }

    String truncateGuardFunction() {
        return cut("_sluice_rwtrunc_" + table);
    }

    static final String CAPTURE_TRIGGER = "_sluice_rw_capture";
    static final String TRUNCATE_TRIGGER = "_sluice_rw_no_truncate";

    String q(String relation) {
        return quote(schema) + "." + quote(relation);
    }

    String label() {
        return schema + "." + table;
    }

    /** {@code name} cut to PostgreSQL's 63 bytes. */
    static String cut(String name) {
        while (name.getBytes(StandardCharsets.UTF_8).length > 63) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
