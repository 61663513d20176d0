package dev.sluice.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each ALTER TABLE sub-command costs, per PostgreSQL major: the lock it takes on the altered table,
 * whether it rewrites the table, whether it reads every row, and the lint rule that reports it. The
 * knowledge lives in {@code alter-table.tsv} beside this class, which the rules read and from which
 * {@code docs/alter-table.md} is generated, so code and docs cannot tell two stories.
 *
 * <p>Hazard: the verdict is the form's in general; some depend on the table (a type change is free when
 * binary-coercible, SET NOT NULL when a validated CHECK proves it). The rules that report those forms
 * look at what the lint knows of the table before they speak.
 */
public final class AlterTableCoverage {

    /**
     * One form of one range of majors.
     *
     * @param form    the form's id ({@link AlterTableForm#of})
     * @param from    the first major it exists in
     * @param to      the last major this row covers
     * @param lock    the strongest lock it takes on the altered table, as {@code pg_locks} names it in words
     * @param rewrite "yes" when every row is written anew (or the files copied), else "no"
     * @param scan    "yes" when every row is read (a rewrite or an index build reads them too), else "no"
     * @param rule    the rules that report it, separated by commas, or "-" when there is nothing to report
     *                beyond a brief lock
     * @param verify  "yes" when the example runs on real servers in the tests, else why it cannot
     * @param example a statement of this form against the test fixture
     * @param note    what else a reader should know
     */
    public record Row(String form, int from, int to, String lock, String rewrite, String scan, String rule,
                      String verify, String example, String note) {

        public boolean covers(int major) {
            return major >= from && major <= to;
        }

        public String majors() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }

        public boolean rewrites() {
            return rewrite.equals("yes");
        }

        public boolean scans() {
            return scan.equals("yes");
        }

        /** The ids of the rules that report this form; empty for "-". */
        public List<String> rules() {
            return rule.equals("-") ? List.of() : List.of(rule.split(","));
        }
    }

    private static final List<Row> ROWS = load();

    private AlterTableCoverage() {
    }

    public static List<Row> rows() {
        return ROWS;
    }

    /** The row of {@code form} for {@code major}. */
    public static Optional<Row> row(String form, int major) {
        return ROWS.stream().filter(r -> r.form().equals(form) && r.covers(major)).findFirst();
    }

    /** The row of {@code form} for the lowest major it exists in. */
    public static Optional<Row> row(String form) {
        return ROWS.stream().filter(r -> r.form().equals(form)).findFirst();
    }

    private static List<Row> load() {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        try (InputStream in = AlterTableCoverage.class.getResourceAsStream("alter-table.tsv")) {
            if (in == null) {
                throw new IllegalStateException("alter-table.tsv is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (columns.isEmpty()) {
                    for (int i = 0; i < f.length; i++) {
                        columns.put(f[i], i);
                    }
                    continue;
                }
                if (f.length != columns.size()) {
                    throw new IllegalStateException("alter-table.tsv:" + number + ": " + f.length + " fields, not " + columns.size());
                }
                String majors = f[columns.get("majors")];
                int dash = majors.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? majors : majors.substring(0, dash));
                int to = Integer.parseInt(dash < 0 ? majors : majors.substring(dash + 1));
                rows.add(new Row(f[columns.get("form")], from, to, f[columns.get("lock")], f[columns.get("rewrite")],
                        f[columns.get("scan")], f[columns.get("rule")], f[columns.get("verify")], f[columns.get("example")],
                        f[columns.get("note")]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableList(rows);
    }
}
