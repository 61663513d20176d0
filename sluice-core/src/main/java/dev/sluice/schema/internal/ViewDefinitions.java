package dev.sluice.schema.internal;

import dev.sluice.schema.ObjectKind;
import dev.sluice.schema.SchemaObject;
import dev.sluice.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Compares view definitions read from servers of two majors. PostgreSQL prints a view's query with its
 * own deparser, and majors print the same query differently (15 writes {@code SELECT books.id FROM books},
 * 16 and later {@code SELECT id FROM books}); the text alone would report drift where there is none.
 *
 * <p>The normalisation: both texts are parsed again by one server, the scratch server holding the
 * expected schema, as temporary views, and deparsed there. Two definitions count as equal only when that
 * one server turns both into the same text, which it does only for the same query tree over the same
 * relations and columns; a real change (another column, filter, join or function) parses to another tree
 * and stays a difference, and a definition the scratch server cannot parse (it names something the
 * migrations do not create) is left as it was. Hazard: this is done only for view and materialized view
 * definitions; other deparsed attributes of another major are compared as text and may show as drift.
 */
public final class ViewDefinitions {

    private ViewDefinitions() {
    }

    /** The live snapshot with each view definition that is the same query as the expected one set to the expected text. */
    public record Result(SchemaSnapshot live, List<String> normalised) {
    }

    /**
     * @param expected the schema the migrations give, read from the scratch database {@code scratch}
     * @param live     the schema of the target, read from a server of another major
     * @param scratch  a connection to the scratch database; left as it was (the temporary views are rolled back)
     */
    public static Result normalise(SchemaSnapshot expected, SchemaSnapshot live, Connection scratch) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        List<String> normalised = new ArrayList<>();
        boolean autoCommit = scratch.getAutoCommit();
        scratch.setAutoCommit(false);
        try (Statement s = scratch.createStatement()) {
            int n = 0;
            for (SchemaObject o : live.objects()) {
                SchemaObject e = o.kind() == ObjectKind.VIEW || o.kind() == ObjectKind.MATERIALIZED_VIEW
                        ? expected.find(o.kind(), o.name()).orElse(null) : null;
                String liveDef = o.attribute("definition").orElse(null);
                String expectedDef = e == null ? null : e.attribute("definition").orElse(null);
                if (liveDef == null || expectedDef == null || liveDef.equals(expectedDef)) {
                    objects.add(o);
                    continue;
                }
                String a = deparse(scratch, s, expectedDef, n++);
                String b = deparse(scratch, s, liveDef, n++);
                if (a != null && a.equals(b)) {
                    TreeMap<String, String> attributes = new TreeMap<>(o.attributes());
                    attributes.put("definition", expectedDef);
                    objects.add(new SchemaObject(o.kind(), o.name(), attributes));
                    normalised.add(o.describe());
                } else {
                    objects.add(o);
                }
            }
        } finally {
            scratch.rollback();
            scratch.setAutoCommit(autoCommit);
        }
        return new Result(new SchemaSnapshot(objects), normalised);
    }

    /** The scratch server's text for {@code definition}, or null when it cannot parse it. */
    private static String deparse(Connection c, Statement s, String definition, int n) throws SQLException {
        String query = definition.strip();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).strip();
        }
        String name = "sluice_redeparse_" + n;
        Savepoint sp = c.setSavepoint();
        try {
            s.execute("create temporary view " + name + " as " + query);
            try (ResultSet rs = s.executeQuery("select pg_catalog.pg_get_viewdef('pg_temp." + name + "'::regclass)")) {
                rs.next();
                String text = rs.getString(1);
                c.releaseSavepoint(sp);
                return text;
            }
        } catch (SQLException e) {
            c.rollback(sp);
            return null;
        }
    }
}
