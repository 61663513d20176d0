package dev.sluice.backup;

import dev.sluice.backup.internal.DatabaseFacts;
import dev.sluice.db.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies of single tables inside the database, in schema {@code sluice_backup} as
 * {@code <table>__<timestamp>} (the schema prefixed with {@code _} when not {@code public}): taken before a migration drops or rewrites their data, so that
 * data can be put back without restoring the whole database.
 *
 * <p>Hazards: a copy holds the rows and column types only, not indexes, constraints, defaults or
 * triggers; a copy doubles the table's disk use until retention drops it.
 */
public final class TableBackups {

    /** The schema the copies live in. */
    public static final String SCHEMA = "sluice_backup";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

    private TableBackups() {
    }

    /**
     * Copies each existing table (names as written; missing ones are skipped) in one transaction;
     * returns {@code schema.table} to the copy's qualified name.
     */
    static Map<String, String> copy(Connection c, List<String> tables, Instant now) throws SQLException {
        Map<String, String> copies = new LinkedHashMap<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + SCHEMA);
            for (String name : tables) {
                Optional<String> resolved = DatabaseFacts.resolve(c, name);
                if (resolved.isEmpty() || copies.containsKey(resolved.get())) {
                    continue;
                }
                String qualified = resolved.get();
                String copyName = copyName(qualified, now, "");
                for (int n = 2; DatabaseFacts.resolve(c, SCHEMA + "." + copyName).isPresent(); n++) {
                    copyName = copyName(qualified, now, "_" + n);
                }
                s.execute("create table " + Identifiers.quote(SCHEMA) + "." + Identifiers.quote(copyName)
                        + " as table " + Identifiers.quoteQualified(qualified));
                copies.put(qualified, SCHEMA + "." + copyName);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return copies;
    }

    static String copyName(String qualified, Instant now, String tiebreak) {
        String base = qualified.startsWith("public.") ? qualified.substring("public.".length()) : qualified.replace('.', '_');
        String suffix = "__" + STAMP.format(now) + tiebreak;
        int room = 63 - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    /**
     * Puts the copy's rows back into {@code table} in one transaction: when the table exists, its rows are
     * deleted and the copy's inserted for the columns both have; when it was dropped, it is created from
     * the copy (rows and column types only). Returns what was done, one line per action.
     */
    static List<String> restore(Connection c, String table, String copy) throws SQLException {
        List<String> done = new ArrayList<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (DatabaseFacts.resolve(c, copy).isEmpty()) {
                throw new BackupException("the table copy " + copy + " no longer exists; restore from a full backup instead");
            }
            Optional<String> existing = DatabaseFacts.resolve(c, table);
            if (existing.isEmpty()) {
                s.execute("create table " + Identifiers.quoteQualified(table) + " as table " + Identifiers.quoteQualified(copy));
                done.add("re-created " + table + " from " + copy + " (rows and column types; indexes and constraints "
                        + "are not in a table copy)");
            } else {
                List<String> tableColumns = columns(c, table);
                List<String> copyColumns = columns(c, copy);
                List<String> common = new ArrayList<>(copyColumns);
                common.retainAll(tableColumns);
                List<String> missing = new ArrayList<>(copyColumns);
                missing.removeAll(tableColumns);
                String list = String.join(", ", common.stream().map(Identifiers::quote).toList());
                int deleted = s.executeUpdate("delete from " + Identifiers.quoteQualified(table));
                int inserted = s.executeUpdate("insert into " + Identifiers.quoteQualified(table) + " (" + list + ") "
                        + "overriding system value select " + list + " from " + Identifiers.quoteQualified(copy));
                done.add("replaced the " + deleted + " rows of " + table + " with the " + inserted + " rows of " + copy);
                if (!missing.isEmpty()) {
                    done.add("columns of the copy that " + table + " no longer has, not restored: " + String.join(", ", missing)
                            + " (add them back, e.g. with the migration's down, and restore again)");
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return done;
    }

    static void drop(Connection c, String copy) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists " + Identifiers.quoteQualified(copy));
        }
    }

    private static List<String> columns(Connection c, String qualified) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select attname from pg_attribute where attrelid = to_regclass(?) "
                + "and attnum > 0 and not attisdropped and attgenerated = '' order by attnum")) {
            ps.setString(1, Identifiers.quoteQualified(qualified));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }
}
