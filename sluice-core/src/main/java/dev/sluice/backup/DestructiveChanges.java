package dev.sluice.backup;

import dev.sluice.execution.MigrationPlan;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.Direction;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tables a plan is about to drop or rewrite the data of: {@code DROP TABLE}, {@code TRUNCATE},
 * {@code ALTER TABLE ... DROP COLUMN}, {@code ALTER COLUMN ... TYPE}, and {@code UPDATE} or
 * {@code DELETE} without {@code WHERE}. Read from the statement text, so a false alarm only costs a
 * table copy; Java migrations are opaque and are not looked into.
 */
public final class DestructiveChanges {

    private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LITERALS = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern DROP_COLUMN = Pattern.compile("\\bDROP\\s+(COLUMN\\b|(?!CONSTRAINT\\b|DEFAULT\\b|NOT\\b|EXPRESSION\\b|IDENTITY\\b)\\w)");
    private static final Pattern COLUMN_TYPE = Pattern.compile("\\bALTER\\s+(COLUMN\\s+)?\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b");
    private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b");

    private DestructiveChanges() {
    }

    /** The tables (as written in the migrations) that the plan's up steps destroy or rewrite data of. */
    public static List<String> tables(MigrationPlan plan) {
        Set<String> tables = new LinkedHashSet<>();
        for (PlanStep step : plan.steps()) {
            if (step.direction() == Direction.UP && step.body() instanceof SqlMigrationBody sql) {
                for (SqlStatement s : sql.statements()) {
                    if (isDestructive(s.sql())) {
                        tables.addAll(StatementFacts.of(s).tables());
                    }
                }
            }
        }
        return new ArrayList<>(tables);
    }

    /** Whether the statement drops a table or column, rewrites a column, or changes every row of a table. */
    public static boolean isDestructive(String statement) {
        String text = LITERALS.matcher(COMMENTS.matcher(statement).replaceAll(" ")).replaceAll("''")
                .toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        if (text.startsWith("DROP TABLE") || text.startsWith("TRUNCATE")) {
            return true;
        }
        if (text.startsWith("ALTER TABLE")) {
            return DROP_COLUMN.matcher(text).find() || COLUMN_TYPE.matcher(text).find();
        }
        if (text.startsWith("UPDATE") || text.startsWith("DELETE")) {
            return !WHERE.matcher(text).find();
        }
        return false;
    }
}
