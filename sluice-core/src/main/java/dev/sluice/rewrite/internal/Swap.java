package dev.sluice.rewrite.internal;

import dev.sluice.rewrite.RewriteException;
import dev.sluice.rewrite.RewritePhase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.sluice.db.Identifiers.quote;

/**
 * The swap, in one transaction that holds ACCESS EXCLUSIVE on the live table, the standby and the tables
 * whose foreign keys point at the live one: it applies what is left in the log, refuses unless row counts
 * and a checksum of the key match, then renames the live table away and the standby to its name and moves
 * to it what belongs to the name: index names, triggers, foreign keys in both directions (added NOT VALID,
 * validated after the lock is released), dependent views (dropped and created again, with grants, owner,
 * options and comments), ownership of serial sequences, the next identity values and the row-level
 * security switches. The same code swaps back for a rollback.
 *
 * <p>Definitions are read inside the transaction before the renames, and executed after them: they name
 * the table by its name, which by then is the standby's.
 */
final class Swap {

    /** A foreign key added NOT VALID, to be validated once the lock is gone. */
    record Pending(String table, String constraint) {
    }

    private final Connection c;
    private final RewriteState state;
    private final Steps steps;

    Swap(Connection c, RewriteState state, Steps steps) {
        this.c = c;
        this.state = state;
        this.steps = steps;
    }

    /**
     * @param forward true for the swap to the new table, false to swap back to the kept original
     * @return the foreign keys to validate, and (last element) the lock hold in milliseconds is given by {@link #lastHoldMillis}
     */
    List<Pending> run(RewriteState.Row row, boolean forward) throws SQLException {
        Names names = row.names();
        String liveName = row.table();
        String standbyName = forward ? names.shadow() : names.retired();
        String retireAs = forward ? names.retired() : names.shadow();
        String log = forward ? names.forwardLog() : names.reverseLog();
        KeySql key = new KeySql(row.keyColumns(), row.keyTypes());
        List<String> columns = forward ? row.copyColumns() : row.backColumns();
        List<String> exprs = forward ? row.copyExprs() : row.backColumns().stream().map(dev.sluice.db.Identifiers::quote).toList();
        Capture capture = new Capture(names, row.keyColumns(), row.keyTypes());
        List<Pending> pending = new ArrayList<>();
        long[] lockedAt = new long[1];
        Verifier verifier = new Verifier(key, names.q(liveName), names.q(standbyName));
        steps.listener().step("comparing row counts and a key checksum of " + names.q(liveName) + " and " + names.q(standbyName));
        verifier.beforeLock(c, names.q(log));
        // The comparison took a while and the log grew meanwhile: apply it now, not under the lock.
        Replayer catchUp = new Replayer(names.q(liveName), names.q(standbyName), names.q(log), key, columns, exprs);
        long[] taken = {Long.MAX_VALUE};
        while (taken[0] >= RewriteRunner.SMALL_LOG) {
            steps.transaction("replay of " + names.label(), () -> {
                Sql.exec(c, "set transaction isolation level repeatable read");
                List<String[][]> applied = new ArrayList<>();
                taken[0] = catchUp.batch(c, 10_000, Optional.empty(), applied);
                verifier.sameRows(c, applied);
            });
            if (taken[0] > 0) {
                steps.listener().replayed(taken[0]);
            }
        }
        steps.transaction((forward ? "swap of " : "swap back of ") + names.label(), () -> {
            pending.clear();
            long live = TableCatalog.oid(c, names.schema(), liveName).orElseThrow();
            long standby = TableCatalog.oid(c, names.schema(), standbyName).orElseThrow(() -> new RewriteException(
                    names.schema() + "." + standbyName + " is gone; the rewrite of " + names.label() + " cannot swap. Run --abort"));
            List<String> referencing = Sql.query(c, "select distinct quote_ident(n.nspname) || '.' || quote_ident(r.relname)"
                    + " from pg_catalog.pg_constraint k join pg_catalog.pg_class r on r.oid = k.conrelid"
                    + " join pg_catalog.pg_namespace n on n.oid = r.relnamespace where k.contype = 'f' and k.confrelid = ? and k.conrelid <> ?",
                    rs -> rs.getString(1), live, live);
            List<String> locked = new ArrayList<>(List.of(names.q(liveName), names.q(standbyName)));
            locked.addAll(referencing);
            Sql.exec(c, "lock table " + String.join(", ", locked) + " in access exclusive mode");
            lockedAt[0] = System.nanoTime();
            Replayer replay = new Replayer(names.q(liveName), names.q(standbyName), names.q(log), key, columns, exprs);
            List<String[][]> drained = new ArrayList<>();
            while (replay.batch(c, 100_000, Optional.empty(), drained) > 0) {
                // drained under the lock: no write can add to the log now
            }
            verifier.sameRows(c, drained);
            moveAndSwap(row, names, live, standby, liveName, standbyName, retireAs, capture, pending);
            if (forward) {
                List<String> reverse = new ArrayList<>(capture.createLog(names.reverseLog()));
                reverse.addAll(capture.install(liveName, names.reverseLog()));
                Sql.exec(c, String.join(";\n", reverse));
                state.phase(c, row, RewritePhase.SWAPPED);
            }
        });
        lastHoldMillis = (System.nanoTime() - lockedAt[0]) / 1_000_000;
        return pending;
    }

    long lastHoldMillis;

    private record Trigger(String name, String definition, String enabled) {
    }

    private record ForeignKey(String name, boolean onLive, String table, String definition, List<String> columns) {
    }

    private record View(long oid, String name, String definition, List<String> options) {
    }

    private void moveAndSwap(RewriteState.Row row, Names names, long live, long standby, String liveName, String standbyName,
                             String retireAs, Capture capture, List<Pending> pending) throws SQLException {
        String liveQ = names.q(liveName);
        String standbyQ = names.q(standbyName);
        List<Trigger> triggers = Sql.query(c, "select tgname, pg_catalog.pg_get_triggerdef(oid), tgenabled from pg_catalog.pg_trigger"
                + " where tgrelid = ? and not tgisinternal and tgname not in (?, ?) order by tgname",
                rs -> new Trigger(rs.getString(1), rs.getString(2), rs.getString(3)), live, Names.CAPTURE_TRIGGER, Names.TRUNCATE_TRIGGER);
        List<ForeignKey> fks = Sql.query(c, "select k.conname, k.conrelid = ?, quote_ident(n.nspname) || '.' || quote_ident(r.relname),"
                + " pg_catalog.pg_get_constraintdef(k.oid),"
                + " array(select a.attname from pg_catalog.pg_attribute a where a.attrelid = k.conrelid and a.attnum = any (k.conkey))"
                + " from pg_catalog.pg_constraint k join pg_catalog.pg_class r on r.oid = k.conrelid"
                + " join pg_catalog.pg_namespace n on n.oid = r.relnamespace where k.contype = 'f' and (k.conrelid = ? or k.confrelid = ?)",
                rs -> new ForeignKey(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), List.of(Sql.strings(rs, 5))),
                live, live, live);
        List<View> views = Sql.query(c, "with recursive v(oid, depth) as ("
                + " select r.ev_class, 1 from pg_catalog.pg_depend d join pg_catalog.pg_rewrite r on r.oid = d.objid"
                + "  where d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refobjid = ? and r.ev_class <> ?"
                + " union all select r.ev_class, v.depth + 1 from v join pg_catalog.pg_depend d on d.refobjid = v.oid"
                + "  and d.classid = 'pg_catalog.pg_rewrite'::regclass join pg_catalog.pg_rewrite r on r.oid = d.objid where r.ev_class <> v.oid)"
                + " select k.oid, quote_ident(n.nspname) || '.' || quote_ident(k.relname), pg_catalog.pg_get_viewdef(k.oid), k.reloptions"
                + " from (select oid, max(depth) depth from v group by oid) v join pg_catalog.pg_class k on k.oid = v.oid"
                + " join pg_catalog.pg_namespace n on n.oid = k.relnamespace where k.relkind = 'v' order by v.depth, k.oid",
                rs -> new View(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getArray(4) == null ? List.of() : List.of(Sql.strings(rs, 4))), live, live);
        List<String> recreateViews = new ArrayList<>();
        for (View v : views) {
            String def = v.definition().trim();
            if (def.endsWith(";")) {
                def = def.substring(0, def.length() - 1);
            }
            recreateViews.add("create view " + v.name() + (v.options().isEmpty() ? "" : " with (" + String.join(", ", v.options()) + ")")
                    + " as " + def);
            Carried.owner(c, v.oid(), "view", v.name()).ifPresent(recreateViews::add);
            Carried.comment(c, v.oid(), "view", v.name()).ifPresent(recreateViews::add);
            recreateViews.addAll(Carried.grants(c, v.oid(), v.name()));
        }
        Set<String> standbyColumns = new LinkedHashSet<>(Sql.query(c, "select attname from pg_catalog.pg_attribute where attrelid = ?"
                + " and attnum > 0 and not attisdropped", rs -> rs.getString(1), standby));
        List<String[]> ownedSequences = Sql.query(c, "select d.objid::regclass::text, a.attname from pg_catalog.pg_depend d"
                + " join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid"
                + " join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'"
                + " where d.classid = 'pg_catalog.pg_class'::regclass and d.refobjid = ? and d.deptype = 'a'",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, live);
        List<String> identity = Sql.query(c, "select 'select pg_catalog.setval(' || quote_literal(t) || ', last_value, is_called) from ' || f"
                + " from (select pg_catalog.pg_get_serial_sequence(?, a.attname) f, pg_catalog.pg_get_serial_sequence(?, a.attname) t"
                + "  from pg_catalog.pg_attribute a join pg_catalog.pg_attribute b on b.attrelid = ? and b.attname = a.attname and b.attidentity <> ''"
                + "  where a.attrelid = ? and a.attidentity <> '') s where f is not null and t is not null",
                rs -> rs.getString(1), liveQ, standbyQ, standby, live);
        List<String> rowSecurity = Carried.rowSecurity(c, live, liveQ);

        List<String> ddl = new ArrayList<>();
        for (int i = views.size() - 1; i >= 0; i--) {
            ddl.add("drop view " + views.get(i).name());
        }
        for (ForeignKey fk : fks) {
            ddl.add("alter table " + fk.table() + " drop constraint " + quote(fk.name()));
        }
        for (Trigger t : triggers) {
            ddl.add("drop trigger " + quote(t.name()) + " on " + liveQ);
        }
        ddl.addAll(capture.uninstall(liveName));
        for (String s : identity) {
            ddl.add(s);
        }
        for (int i = 0; i < row.liveIndexes().size(); i++) {
            String liveIndex = row.liveIndexes().get(i);
            String standbyIndex = row.shadowIndexes().get(i);
            String tmp = Names.cut("_sluice_swap" + i + "_" + liveIndex);
            ddl.add(renameIndex(names, liveIndex, tmp));
            ddl.add(renameIndex(names, standbyIndex, liveIndex));
            ddl.add(renameIndex(names, tmp, standbyIndex));
        }
        ddl.add("alter table " + liveQ + " rename to " + quote(retireAs));
        ddl.add("alter table " + standbyQ + " rename to " + quote(liveName));
        // From here on the table's name is the standby's.
        for (Trigger t : triggers) {
            ddl.add(t.definition());
            switch (t.enabled()) {
                case "D" -> ddl.add("alter table " + liveQ + " disable trigger " + quote(t.name()));
                case "R" -> ddl.add("alter table " + liveQ + " enable replica trigger " + quote(t.name()));
                case "A" -> ddl.add("alter table " + liveQ + " enable always trigger " + quote(t.name()));
                default -> {
                }
            }
        }
        for (ForeignKey fk : fks) {
            if (fk.onLive() && !standbyColumns.containsAll(fk.columns())) {
                steps.listener().notice("foreign key " + fk.name() + " of " + names.label() + " is not carried over: its columns "
                        + fk.columns() + " are not all in the new table");
                continue;
            }
            String table = fk.onLive() ? liveQ : fk.table();
            ddl.add("alter table " + table + " add constraint " + quote(fk.name()) + " " + fk.definition() + " not valid");
            pending.add(new Pending(table, fk.name()));
        }
        for (String s : recreateViews) {
            ddl.add(s);
        }
        for (String[] seq : ownedSequences) {
            if (standbyColumns.contains(seq[1])) {
                ddl.add("alter sequence " + seq[0] + " owned by " + liveQ + "." + quote(seq[1]));
            }
        }
        for (String s : rowSecurity) {
            ddl.add(s);
        }
        // One round trip for everything above: under the lock, each round trip is time the application waits.
        Sql.exec(c, String.join(";\n", ddl));
    }

    private static String renameIndex(Names names, String from, String to) {
        return "alter index if exists " + names.q(from) + " rename to " + quote(to);
    }

    /** Validates the foreign keys the swap added NOT VALID, each in a short transaction under lock_timeout. */
    List<String> validate(List<Pending> pending) throws SQLException {
        List<String> notes = new ArrayList<>();
        for (Pending p : pending) {
            steps.transaction("validation of " + p.constraint(), () ->
                    Sql.exec(c, "alter table " + p.table() + " validate constraint " + quote(p.constraint())));
            notes.add("foreign key " + p.constraint() + " on " + p.table() + " re-created NOT VALID and validated");
        }
        return notes;
    }
}
