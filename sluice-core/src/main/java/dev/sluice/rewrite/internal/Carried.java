package dev.sluice.rewrite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a table carries besides its columns, read from the catalog as statements that give the same to
 * another relation: grants (table and column), owner, comment, row-level security policies. CREATE
 * TABLE ... LIKE carries defaults, constraints, identity, storage and column comments itself; indexes,
 * triggers and foreign keys are the shadow builder's and the swap's.
 */
final class Carried {

    private Carried() {
    }

    /** GRANT statements that give {@code target} the table and column privileges of {@code oid}. */
    static List<String> grants(Connection c, long oid, String target) throws SQLException {
        List<String> out = new ArrayList<>(Sql.query(c, "select a.privilege_type, a.is_grantable,"
                + " case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end"
                + " from pg_catalog.pg_class k cross join lateral aclexplode(k.relacl) a"
                + " left join pg_catalog.pg_roles r on r.oid = a.grantee where k.oid = ?",
                rs -> "grant " + rs.getString(1) + " on " + target + " to " + rs.getString(3)
                        + (rs.getBoolean(2) ? " with grant option" : ""), oid));
        out.addAll(Sql.query(c, "select a.privilege_type, a.is_grantable,"
                + " case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end, quote_ident(t.attname)"
                + " from pg_catalog.pg_attribute t cross join lateral aclexplode(t.attacl) a"
                + " left join pg_catalog.pg_roles r on r.oid = a.grantee where t.attrelid = ? and t.attnum > 0 and not t.attisdropped",
                rs -> "grant " + rs.getString(1) + " (" + rs.getString(4) + ") on " + target + " to " + rs.getString(3)
                        + (rs.getBoolean(2) ? " with grant option" : ""), oid));
        return out;
    }

    /** ALTER ... OWNER TO the owner of {@code oid}, when that is not the current user. */
    static Optional<String> owner(Connection c, long oid, String kind, String target) throws SQLException {
        return Sql.query(c, "select quote_ident(r.rolname), r.rolname = current_user from pg_catalog.pg_class k"
                + " join pg_catalog.pg_roles r on r.oid = k.relowner where k.oid = ?",
                rs -> rs.getBoolean(2) ? null : "alter " + kind + " " + target + " owner to " + rs.getString(1), oid)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** COMMENT ON the relation, when {@code oid} has one. */
    static Optional<String> comment(Connection c, long oid, String kind, String target) throws SQLException {
        return Sql.query(c, "select quote_literal(d) from pg_catalog.obj_description(?, 'pg_class') d where d is not null",
                rs -> "comment on " + kind + " " + target + " is " + rs.getString(1), oid).stream().findFirst();
    }

    /** CREATE POLICY statements for {@code target} with the policies of {@code schema.table}. */
    static List<String> policies(Connection c, String schema, String table, String target) throws SQLException {
        return Sql.query(c, "select quote_ident(policyname), permissive, cmd,"
                + " (select string_agg(case when r = 'public' then 'public' else quote_ident(r) end, ', ') from unnest(roles) r),"
                + " qual, with_check from pg_catalog.pg_policies where schemaname = ? and tablename = ?",
                rs -> "create policy " + rs.getString(1) + " on " + target + " as " + rs.getString(2) + " for " + rs.getString(3)
                        + " to " + rs.getString(4)
                        + (rs.getString(5) == null ? "" : " using (" + rs.getString(5) + ")")
                        + (rs.getString(6) == null ? "" : " with check (" + rs.getString(6) + ")"), schema, table);
    }

    /** ALTER TABLE statements that give {@code target} the row-level security switches of {@code oid}. */
    static List<String> rowSecurity(Connection c, long oid, String target) throws SQLException {
        return Sql.query(c, "select relrowsecurity, relforcerowsecurity from pg_catalog.pg_class where oid = ?",
                rs -> List.of("alter table " + target + (rs.getBoolean(1) ? " enable" : " disable") + " row level security",
                        "alter table " + target + (rs.getBoolean(2) ? " force" : " no force") + " row level security"), oid).get(0);
    }
}
