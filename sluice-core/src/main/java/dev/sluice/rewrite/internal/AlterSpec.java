package dev.sluice.rewrite.internal;

import dev.sluice.rewrite.RewriteException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ALTER TABLE clauses of a rewrite, split at top-level commas. They are applied to the empty shadow
 * as written, except the pseudo-clause {@code PARTITION BY RANGE (col) EVERY step}, which shapes the
 * shadow's CREATE TABLE. A {@code USING} expression of a type change is also what the copy selects, so the
 * copy converts exactly as the ALTER would have.
 *
 * <p>Renames are refused: the copy and the log match columns by name, and a rename has an online
 * operation of its own that needs no copy.
 */
public record AlterSpec(List<String> clauses, Map<String, String> usingByColumn, List<String> droppedColumns,
                        Optional<Partitioning> partitioning) {

    /** {@code PARTITION BY RANGE (column) EVERY step}: step is a number for integer columns, an interval for times. */
    public record Partitioning(String column, String every) {
    }

    private static final Pattern PARTITION = Pattern.compile(
            "(?is)partition\\s+by\\s+range\\s*\\(\\s*(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s*\\)\\s+every\\s+(.+)");
    private static final Pattern TYPE_USING = Pattern.compile(
            "(?is)alter\\s+(?:column\\s+)?(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s+(?:set\\s+data\\s+)?type\\s+.+?\\s+using\\s+(.+)");
    private static final Pattern DROP = Pattern.compile(
            "(?is)drop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(\\s+(cascade|restrict))?");

    public static AlterSpec parse(String alter) {
        List<String> clauses = new ArrayList<>();
        Map<String, String> using = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        Optional<Partitioning> partitioning = Optional.empty();
        for (String clause : split(alter == null ? "" : alter)) {
            String lower = clause.toLowerCase(Locale.ROOT);
            if (lower.startsWith("rename")) {
                throw new RewriteException("--alter: '" + clause + "': a rewrite does not rename; rename the column or table"
                        + " with the online operations rename_column or rename_table, which need no copy");
            }
            Matcher p = PARTITION.matcher(clause);
            if (p.matches()) {
                if (partitioning.isPresent()) {
                    throw new RewriteException("--alter: PARTITION BY RANGE is given twice");
                }
                partitioning = Optional.of(new Partitioning(identifier(p.group(1)), unquote(p.group(2).trim())));
                continue;
            }
            if (lower.startsWith("partition")) {
                throw new RewriteException("--alter: '" + clause + "': write PARTITION BY RANGE (column) EVERY step,"
                        + " e.g. EVERY '1 month' or EVERY 1000000");
            }
            Matcher t = TYPE_USING.matcher(clause);
            if (t.matches()) {
                using.put(identifier(t.group(1)), t.group(2).trim());
            }
            Matcher d = DROP.matcher(clause);
            if (d.matches() && !lower.matches("(?s)drop\\s+(constraint|default|not\\s+null|expression|identity).*")) {
                dropped.add(identifier(d.group(1)));
            }
            clauses.add(clause);
        }
        return new AlterSpec(List.copyOf(clauses), Map.copyOf(using), List.copyOf(dropped), partitioning);
    }

    /** Splits at commas outside parentheses, quotes and dollar quotes. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = i + 1;
                while (end < text.length()) {
                    if (text.charAt(end) == ch) {
                        if (end + 1 < text.length() && text.charAt(end + 1) == ch) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                i = end;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                add(parts, text.substring(start, i));
                start = i + 1;
            }
        }
        add(parts, text.substring(start));
        return parts;
    }

    private static void add(List<String> parts, String part) {
        String t = part.trim();
        if (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        if (!t.isEmpty()) {
            parts.add(t);
        }
    }

    /** An identifier as the catalog stores it: quoted ones as written, others folded to lower case. */
    static String identifier(String written) {
        if (written.startsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        return written.toLowerCase(Locale.ROOT);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }

    /** The clauses as one ALTER TABLE body; empty when only pseudo-clauses were given. */
    public Optional<String> alterBody() {
        return clauses.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", clauses));
    }
}
