package dev.sluice.rewrite.internal;

import dev.sluice.db.internal.SqlLiterals;
import java.util.List;
import java.util.stream.Collectors;

import static dev.sluice.db.Identifiers.quote;

/**
 * Change capture: a row trigger on the live table that writes the key of every row an INSERT, UPDATE or
 * DELETE touches into a log table (both keys when an UPDATE changes the key). Only keys are logged; the
 * replay reads each logged row's current state from the live table, so replaying an entry twice, or
 * entries out of order, gives the same result.
 *
 * <p>The function is SECURITY DEFINER (the user running the rewrite owns the log), so the application's
 * role needs no privilege on the log. A TRUNCATE is refused while the capture is on, since a row trigger
 * cannot see it.
 */
final class Capture {

    private final Names names;
    private final List<String> keyColumns;
    private final List<String> keyTypes;

    Capture(Names names, List<String> keyColumns, List<String> keyTypes) {
        this.names = names;
        this.keyColumns = keyColumns;
        this.keyTypes = keyTypes;
    }

    static final String SEQ = "_sluice_seq";

    List<String> createLog(String log) {
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < keyColumns.size(); i++) {
            cols.append(", ").append(quote(keyColumns.get(i))).append(' ').append(keyTypes.get(i));
        }
        return List.of("create table " + names.q(log) + " (" + SEQ + " bigint generated always as identity primary key" + cols + ")",
                "comment on table " + names.q(log) + " is " + SqlLiterals.quote("keys written to " + names.label()
                        + " while sluice rewrite runs; dropped by sluice rewrite --cleanup, --abort or --rollback"));
    }

    /** The function and triggers that log the writes of {@code table} into {@code log}. */
    List<String> install(String table, String log) {
        String keys = keyColumns.stream().map(dev.sluice.db.Identifiers::quote).collect(Collectors.joining(", "));
        String oldKeys = keyColumns.stream().map(k -> "old." + quote(k)).collect(Collectors.joining(", "));
        String newKeys = keyColumns.stream().map(k -> "new." + quote(k)).collect(Collectors.joining(", "));
        String function = names.q(names.captureFunction(log));
        String guard = names.q(names.truncateGuardFunction());
        return List.of(
                "create or replace function " + function + "() returns trigger language plpgsql security definer"
                        + " set search_path = pg_catalog, pg_temp as $sluice$\nbegin\n"
                        + "  if tg_op <> 'INSERT' then\n    insert into " + names.q(log) + " (" + keys + ") values (" + oldKeys + ");\n  end if;\n"
                        + "  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and row(" + newKeys + ") is distinct from row(" + oldKeys + ")) then\n"
                        + "    insert into " + names.q(log) + " (" + keys + ") values (" + newKeys + ");\n  end if;\n"
                        + "  return null;\nend\n$sluice$",
                "create or replace function " + guard + "() returns trigger language plpgsql as $sluice$\nbegin\n"
                        + "  raise exception 'sluice rewrite of %.% is in progress; TRUNCATE would not reach the copy', tg_table_schema, tg_table_name\n"
                        + "    using hint = 'finish it (sluice rewrite --cleanup) or stop it (--abort / --rollback) first';\nend\n$sluice$",
                "create trigger " + quote(Names.CAPTURE_TRIGGER) + " after insert or update or delete on " + names.q(table)
                        + " for each row execute function " + function + "()",
                "create trigger " + quote(Names.TRUNCATE_TRIGGER) + " before truncate on " + names.q(table)
                        + " for each statement execute function " + guard + "()");
    }

    /** Drops the triggers from {@code table}; safe to run again. */
    List<String> uninstall(String table) {
        return List.of("drop trigger if exists " + quote(Names.CAPTURE_TRIGGER) + " on " + names.q(table),
                "drop trigger if exists " + quote(Names.TRUNCATE_TRIGGER) + " on " + names.q(table));
    }

    /** Drops the log and the functions; the triggers must be gone first. */
    List<String> dropLog(String log) {
        return List.of("drop table if exists " + names.q(log),
                "drop function if exists " + names.q(names.captureFunction(log)) + "()");
    }

    String dropGuardFunction() {
        return "drop function if exists " + names.q(names.truncateGuardFunction()) + "()";
    }

}
