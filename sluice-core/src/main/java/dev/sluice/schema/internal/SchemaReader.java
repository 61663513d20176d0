package dev.sluice.schema.internal;

import dev.sluice.schema.ObjectKind;
import dev.sluice.schema.SchemaObject;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.schema.SnapshotOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.sluice.db.ForeignHistoryTable;
import dev.sluice.db.ForeignHistoryTables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads a {@link SchemaSnapshot} from a live database: one catalog query per object kind, each a
 * resource file next to this class, so the cost is a dozen round trips whatever the schema's size.
 *
 * <p>Each query returns a {@code name}, optionally a {@code kind}, and attribute columns named as the
 * snapshot names them; booleans become {@code yes}/{@code no}, and nulls and empty text are left out.
 *
 * <p>Hazard: the queries run on the connection given, inside its transaction if it has one; they only
 * read the catalog and take no lock on user tables.
 */
public final class SchemaReader {

    private record Query(String file, ObjectKind kind) {
    }

    private static final List<Query> QUERIES = List.of(
            new Query("schemas.sql", ObjectKind.SCHEMA),
            new Query("extensions.sql", ObjectKind.EXTENSION),
            new Query("types.sql", ObjectKind.ENUM),
            new Query("sequences.sql", ObjectKind.SEQUENCE),
            new Query("tables.sql", ObjectKind.TABLE),
            new Query("columns.sql", ObjectKind.COLUMN),
            new Query("constraints.sql", ObjectKind.CONSTRAINT),
            new Query("indexes.sql", ObjectKind.INDEX),
            new Query("views.sql", ObjectKind.VIEW),
            new Query("functions.sql", ObjectKind.FUNCTION),
            new Query("triggers.sql", ObjectKind.TRIGGER),
            new Query("policies.sql", ObjectKind.POLICY));

    /** Rows per fetch inside a transaction: keeps the driver from holding a large catalog's rows all at once. */
    private static final int FETCH_SIZE = 10_000;
    private static final Set<String> PRIVILEGE_ATTRIBUTES = Set.of("owner", "grants");
    private static final Pattern NOT_VALID = Pattern.compile(" NOT VALID$");
    private static final Pattern DEFERRABILITY = Pattern.compile(" DEFERRABLE( INITIALLY DEFERRED)?$");
    private static final Pattern FK_ACTION =
            Pattern.compile(" ON (UPDATE|DELETE) (RESTRICT|CASCADE|SET NULL|SET DEFAULT)(?! \\()");
    private static final Map<String, String> SQL = new ConcurrentHashMap<>();

    private final SnapshotOptions options;

    public SchemaReader(SnapshotOptions options) {
        this.options = options;
    }

    /**
     * Reads the schema. On a connection in autocommit mode the queries run in one read-only repeatable-read
     * transaction, so they agree with each other, and rows are fetched in batches rather than all at once;
     * on a connection inside a transaction they run in that transaction, which is left open.
     */
    public SchemaSnapshot read(Connection c) throws SQLException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
        }
        try {
            SchemaSnapshot snapshot = readAll(c);
            if (own) {
                c.commit();
            }
            return snapshot;
        } finally {
            if (own) {
                try {
                    c.rollback();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private SchemaSnapshot readAll(Connection c) throws SQLException {
        String history = historyName(c);
        Set<String> foreign = foreignHistoryNames(c);
        List<SchemaObject> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(FETCH_SIZE);
            for (Query q : QUERIES) {
                try (ResultSet rs = s.executeQuery(sql(q.file()))) {
                    readRows(rs, q, history, foreign, objects, seen);
                }
            }
        }
        return new SchemaSnapshot(objects);
    }

    private void readRows(ResultSet rs, Query q, String history, Set<String> foreign, List<SchemaObject> objects, Set<String> seen)
            throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] labels = new String[n + 1];
        boolean[] bool = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            labels[i] = md.getColumnLabel(i);
            bool[i] = "bool".equals(md.getColumnTypeName(i));
        }
        while (rs.next()) {
            String name = null;
            ObjectKind kind = q.kind();
            TreeMap<String, String> attributes = new TreeMap<>();
            for (int i = 1; i <= n; i++) {
                String value = rs.getString(i);
                if (value == null || value.isEmpty()) {
                    continue;
                }
                switch (labels[i]) {
                    case "name" -> name = value;
                    case "kind" -> kind = ObjectKind.ofLabel(value).orElseThrow(
                            () -> new IllegalStateException(q.file() + ": unknown kind " + value));
                    default -> {
                        if (!options.privileges() && PRIVILEGE_ATTRIBUTES.contains(labels[i])) {
                            continue;
                        }
                        attributes.put(labels[i], bool[i] ? ("t".equals(value) ? "yes" : "no") : value);
                    }
                }
            }
            if (kind == ObjectKind.CONSTRAINT) {
                normalizeConstraint(attributes);
            }
            SchemaObject o = new SchemaObject(kind, name, attributes);
            if (isHistory(o, history) || isForeignHistory(o, foreign)) {
                continue;
            }
            String key = kind.label() + "\u0000" + name;
            for (int i = 2; !seen.add(key); i++) {
                // Not expected from these queries; a second object under one name must still not be lost.
                o = new SchemaObject(kind, name + " #" + i, attributes);
                key = kind.label() + "\u0000" + o.name();
            }
            objects.add(o);
        }
    }

    /** Deferrability, validity and foreign-key actions are attributes of their own, not part of the definition text. */
    private static void normalizeConstraint(TreeMap<String, String> attributes) {
        String def = attributes.get("definition");
        if (def == null) {
            return;
        }
        def = NOT_VALID.matcher(def).replaceFirst("");
        def = DEFERRABILITY.matcher(def).replaceFirst("");
        if ("foreign key".equals(attributes.get("type"))) {
            def = FK_ACTION.matcher(def).replaceAll("");
        }
        attributes.put("definition", def);
    }

    /** Sluice's own tables next to the history table: the state of online changes and of rewrites. */
    private static final List<String> OWN_TABLES = List.of("sluice_online_state", "sluice_online_backfill", "sluice_rewrite");

    private static boolean isHistory(SchemaObject o, String history) {
        String schema = history.substring(0, history.lastIndexOf('.') + 1);
        for (String table : OWN_TABLES) {
            String name = schema + table;
            if ((o.kind() == ObjectKind.TABLE && o.name().equals(name)) || o.parent().map(name::equals).orElse(false)) {
                return true;
            }
        }
        return (o.kind() == ObjectKind.TABLE && o.name().equals(history))
                || o.parent().map(history::equals).orElse(false);
    }

    /**
     * Other migration tools' history tables ({@link ForeignHistoryTables}), quoted as the catalog queries quote
     * names, and the {@code drizzle} schema Drizzle creates for its own: they record another tool's runs, not the
     * schema, so a database Sluice adopted compares equal to one built from the files. A user's objects in that
     * schema are still compared.
     */
    private Set<String> foreignHistoryNames(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        for (ForeignHistoryTable t : ForeignHistoryTables.find(c, options.historySchema())) {
            try (PreparedStatement ps = c.prepareStatement("select quote_ident(?), quote_ident(?)")) {
                ps.setString(1, t.schema());
                ps.setString(2, t.table());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    names.add(rs.getString(1) + "." + rs.getString(2));
                    if (t.tool().equals("drizzle") && t.schema().equals("drizzle")) {
                        names.add(rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    private static boolean isForeignHistory(SchemaObject o, Set<String> foreign) {
        if (foreign.isEmpty()) {
            return false;
        }
        if (foreign.contains(o.name()) && (o.kind() == ObjectKind.TABLE || o.kind() == ObjectKind.SCHEMA)) {
            return true;
        }
        if (o.parent().map(foreign::contains).orElse(false)) {
            return true;
        }
        if (o.kind() == ObjectKind.SEQUENCE) {
            String owner = o.attributes().getOrDefault("owned by", "");
            int dot = owner.lastIndexOf('.');
            return dot > 0 && foreign.contains(owner.substring(0, dot));
        }
        return false;
    }

    /** The history table's name quoted the way the catalog queries quote names. */
    private String historyName(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select quote_ident(?) || '.' || quote_ident(?)")) {
            ps.setString(1, options.historySchema());
            ps.setString(2, options.historyTable());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String sql(String file) {
        return SQL.computeIfAbsent(file, f -> {
            try (InputStream in = SchemaReader.class.getResourceAsStream(f)) {
                if (in == null) {
                    throw new IllegalStateException("catalog query " + f + " is missing from the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
