package dev.sluice.clean.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans and runs the DROP statements that empty a schema: the extensions installed in it, its tables, views,
 * materialized views, sequences and foreign tables, its functions, procedures and aggregates, its types and
 * domains, and the schemas of online changes ({@code sluice_v…}). The schema itself stays, with its owner and
 * grants, which a DROP SCHEMA and CREATE SCHEMA would lose (and which a non-owner could not do).
 *
 * <p>Each statement says {@code if exists ... cascade}, because dropping a table takes its views, owned
 * sequences and triggers with it; all of them run in one transaction, so a failure leaves the schema whole.
 * Objects that belong to an extension are left to its DROP EXTENSION.
 *
 * <p>Hazard: anything in another schema that depends on this schema's objects (a view elsewhere over one of
 * its tables) is dropped too, by the cascade.
 */
public final class SchemaCleaner {

    private SchemaCleaner() {
    }

    /** The statements that empty {@code schema}, in the order to run them. */
    public static List<String> plan(Connection c, String schema) throws SQLException {
        List<String> statements = new ArrayList<>();
        add(c, statements, schema, "select format('drop extension if exists %I cascade', e.extname) from pg_extension e "
                + "join pg_namespace n on n.oid = e.extnamespace where n.nspname = ? order by e.extname");
        add(c, statements, schema, "select format('drop schema if exists %I cascade', nspname) from pg_namespace "
                + "where nspname like 'sluice\\_v%' and ? is not null order by nspname");
        add(c, statements, schema, "select format('drop %s if exists %I.%I cascade', case r.relkind when 'v' then 'view' "
                + "when 'm' then 'materialized view' when 'S' then 'sequence' when 'f' then 'foreign table' else 'table' end, "
                + "n.nspname, r.relname) from pg_class r join pg_namespace n on n.oid = r.relnamespace "
                + "where n.nspname = ? and r.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and not r.relispartition "
                + "and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = r.oid and d.deptype = 'e') "
                + "order by case r.relkind when 'v' then 0 when 'm' then 1 else 2 end, r.relname");
        add(c, statements, schema, "select format('drop %s if exists %s cascade', case p.prokind when 'p' then 'procedure' "
                + "when 'a' then 'aggregate' else 'function' end, p.oid::regprocedure) from pg_proc p "
                + "join pg_namespace n on n.oid = p.pronamespace where n.nspname = ? "
                + "and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e') "
                + "order by p.proname, p.oid");
        add(c, statements, schema, "select format('drop %s if exists %I.%I cascade', case t.typtype when 'd' then 'domain' "
                + "else 'type' end, n.nspname, t.typname) from pg_type t join pg_namespace n on n.oid = t.typnamespace "
                + "where n.nspname = ? and t.typtype in ('e', 'd', 'r', 'c') "
                + "and (t.typtype <> 'c' or (select relkind from pg_class where oid = t.typrelid) = 'c') "
                + "and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e') "
                + "order by t.typname");
        return statements;
    }

    /** Runs the statements in one transaction. */
    public static void run(Connection c, List<String> statements) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void add(Connection c, List<String> statements, String schema, String query) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            }
        }
    }
}
