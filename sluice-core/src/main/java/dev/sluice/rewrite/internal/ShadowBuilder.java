package dev.sluice.rewrite.internal;

import dev.sluice.db.internal.SqlLiterals;
import dev.sluice.rewrite.RewriteException;
import dev.sluice.rewrite.RewritePhase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.sluice.db.Identifiers.quote;

/**
 * Creates the empty shadow with the new shape, inside the start transaction: {@code CREATE TABLE ... (LIKE
 * original INCLUDING ...)} for columns, defaults, CHECK and NOT NULL constraints, identity, generated
 * columns, storage, compression, statistics and column comments; the original's persistence and storage
 * options; every index and index-backed constraint under a name of its own (swapped with the original's
 * at the swap); then the user's ALTER clauses, which cost nothing on an empty table; then grants, owner,
 * table comment and policies. Triggers, row-level security switches and foreign keys move at the swap:
 * on the shadow they would fire, filter or check during the copy.
 */
final class ShadowBuilder {

    private final Connection c;
    private final TableCatalog.Table table;
    private final Names names;
    private final AlterSpec spec;

    ShadowBuilder(Connection c, TableCatalog.Table table, Names names, AlterSpec spec) {
        this.c = c;
        this.table = table;
        this.names = names;
        this.spec = spec;
    }

    /** Creates the shadow; returns the state row that describes it. */
    RewriteState.Row build(String alter, List<Partitions.Partition> partitions, long estimate) throws SQLException {
        String original = names.q(table.name());
        String shadow = names.q(names.shadow());
        boolean partitioned = spec.partitioning().isPresent();
        String options = table.reloptions().isEmpty() ? "" : " with (" + String.join(", ", table.reloptions()) + ")";
        Sql.exec(c, "create " + (table.unlogged() && !partitioned ? "unlogged " : "") + "table " + shadow + " (like " + original
                + " including defaults including constraints including identity including generated including storage"
                + " including comments including statistics including compression)"
                + (partitioned ? " partition by range (" + quote(spec.partitioning().get().column()) + ")" : options));
        for (Partitions.Partition p : partitions) {
            Sql.exec(c, "create table " + names.q(p.name()) + " partition of " + shadow
                    + (p.from() == null ? " default" : " for values from (" + SqlLiterals.quote(p.from()) + ") to (" + SqlLiterals.quote(p.to()) + ")")
                    + options);
        }
        List<String> live = new ArrayList<>();
        List<String> shadowIndexes = new ArrayList<>();
        indexes(shadow, live, shadowIndexes);
        if (spec.alterBody().isPresent()) {
            Sql.exec(c, "alter table " + shadow + " " + spec.alterBody().get());
        }
        TableCatalog.Table built = TableCatalog.table(c, names.schema(), names.shadow());
        for (String key : table.keyColumns()) {
            if (built.column(key).isEmpty()) {
                throw new RewriteException("--alter drops key column " + key + "; the copy and the log name rows by the primary key,"
                        + " so a rewrite keeps its columns");
            }
        }
        List<String> copyColumns = new ArrayList<>();
        List<String> copyExprs = new ArrayList<>();
        for (TableCatalog.Column col : built.columns()) {
            if (!col.generated() && table.column(col.name()).isPresent()) {
                copyColumns.add(col.name());
                copyExprs.add(spec.usingByColumn().getOrDefault(col.name(), quote(col.name())));
            }
        }
        List<String> backColumns = table.columns().stream()
                .filter(col -> !col.generated() && built.column(col.name()).isPresent()).map(TableCatalog.Column::name).toList();
        // Type-checks the copy's expressions now, so a type with no assignment cast fails here and not after an hour.
        Sql.exec(c, "insert into " + shadow + " (" + copyColumns.stream().map(dev.sluice.db.Identifiers::quote).collect(Collectors.joining(", "))
                + ") overriding system value select " + String.join(", ", copyExprs) + " from " + original + " limit 0");
        for (String s : carried(shadow)) {
            Sql.exec(c, s);
        }
        return new RewriteState.Row(names.schema(), table.name(), alter, RewritePhase.COPYING, table.keyColumns(), table.keyTypes(),
                copyColumns, copyExprs, backColumns, live, shadowIndexes, Optional.empty(), Optional.empty(), false, 0, estimate);
    }

    private List<String> carried(String shadow) throws SQLException {
        List<String> out = new ArrayList<>();
        Carried.owner(c, table.oid(), "table", shadow).ifPresent(out::add);
        Carried.comment(c, table.oid(), "table", shadow).ifPresent(out::add);
        out.addAll(Carried.grants(c, table.oid(), shadow));
        out.addAll(Carried.policies(c, table.schema(), table.name(), shadow));
        return out;
    }

    private record Index(long oid, String name, String definition, String contype, String constraintDef, boolean unique,
                         List<String> columns, boolean plain, String comment) {
    }

    private void indexes(String shadow, List<String> live, List<String> shadowIndexes) throws SQLException {
        List<Index> indexes = Sql.query(c, "select i.indexrelid, x.relname, pg_catalog.pg_get_indexdef(i.indexrelid), k.contype,"
                + " pg_catalog.pg_get_constraintdef(k.oid), i.indisunique,"
                + " array(select a.attname from unnest(i.indkey[0:i.indnkeyatts - 1]) with ordinality u(n, p)"
                + "   join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.n order by u.p),"
                + " i.indexprs is null and i.indpred is null and 0 <> all (i.indkey[0:i.indnkeyatts - 1]),"
                + " pg_catalog.obj_description(i.indexrelid, 'pg_class')"
                + " from pg_catalog.pg_index i join pg_catalog.pg_class x on x.oid = i.indexrelid"
                + " left join pg_catalog.pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')"
                + " where i.indrelid = ? order by x.relname",
                rs -> new Index(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                        List.of(Sql.strings(rs, 7)), rs.getBoolean(8), rs.getString(9)), table.oid());
        int n = 0;
        for (Index index : indexes) {
            String name = Names.cut("_sluice_rw" + (++n) + "_" + index.name());
            String q = names.q(name);
            Optional<String> partitionColumn = spec.partitioning().map(AlterSpec.Partitioning::column);
            boolean extend = index.unique() && partitionColumn.isPresent() && !index.columns().contains(partitionColumn.get());
            if (extend && (!index.plain() || "x".equals(index.contype()))) {
                throw new RewriteException("index " + index.name() + " is unique over expressions, a predicate or an exclusion;"
                        + " a partitioned table can only enforce uniqueness that includes the partition column "
                        + partitionColumn.get() + ". Drop or change the index first");
            }
            List<String> cols = new ArrayList<>(index.columns());
            partitionColumn.filter(p -> extend).ifPresent(cols::add);
            String colList = cols.stream().map(dev.sluice.db.Identifiers::quote).collect(Collectors.joining(", "));
            if (index.contype() != null) {
                String def = extend ? ("p".equals(index.contype()) ? "primary key (" : "unique (") + colList + ")" : index.constraintDef();
                Sql.exec(c, "alter table " + shadow + " add constraint " + quote(name) + " " + def);
            } else if (extend) {
                Sql.exec(c, "create unique index " + quote(name) + " on " + shadow + " (" + colList + ")");
            } else {
                int on = index.definition().indexOf(" ON ");
                int using = index.definition().indexOf(" USING ", on);
                String head = index.definition().startsWith("CREATE UNIQUE") ? "create unique index " : "create index ";
                Sql.exec(c, head + quote(name) + " on " + shadow + index.definition().substring(using));
            }
            if (index.comment() != null) {
                Sql.exec(c, "comment on index " + q + " is " + SqlLiterals.quote(index.comment()));
            }
            live.add(index.name());
            shadowIndexes.add(name);
        }
    }
}
