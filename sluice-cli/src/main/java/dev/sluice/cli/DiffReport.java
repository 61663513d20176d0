package dev.sluice.cli;

import dev.sluice.schema.SchemaDiff;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a {@link SchemaDiff} for {@code diff} and {@code drift}, as lines or as JSON. */
final class DiffReport {

    private DiffReport() {
    }

    static void printLines(PrintWriter out, SchemaDiff diff) {
        for (String line : diff.lines()) {
            out.println("  " + line);
        }
    }

    static Map<String, Object> toJson(SchemaDiff diff) {
        List<Object> changes = new ArrayList<>();
        for (SchemaDiff.Change c : diff.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", c.type().name().toLowerCase(java.util.Locale.ROOT));
            m.put("kind", c.object().kind().label());
            m.put("name", c.object().name());
            if (!c.attributes().isEmpty()) {
                List<Object> attrs = new ArrayList<>();
                for (SchemaDiff.AttributeChange a : c.attributes()) {
                    Map<String, Object> am = new LinkedHashMap<>();
                    am.put("attribute", a.attribute());
                    am.put("before", a.before().orElse(null));
                    am.put("after", a.after().orElse(null));
                    attrs.add(am);
                }
                m.put("attributes", attrs);
            }
            m.put("text", c.describe());
            changes.add(m);
        }
        List<Object> order = new ArrayList<>();
        for (SchemaDiff.ColumnOrderChange o : diff.columnOrder()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", o.table());
            m.put("before", new ArrayList<Object>(o.before()));
            m.put("after", new ArrayList<Object>(o.after()));
            order.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("changes", changes);
        root.put("columnOrder", order);
        return root;
    }
}
