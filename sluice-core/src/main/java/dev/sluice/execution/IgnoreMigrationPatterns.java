package dev.sluice.execution;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Flyway's {@code ignoreMigrationPatterns}: which disagreements between the files and the history stop
 * {@code migrate}, {@code rollback} and {@code validate}, written {@code type:state} and comma-separated
 * ({@code *:missing,*:future}). The type is {@code *}, {@code versioned} or {@code repeatable}; the state:
 * <ul>
 *   <li>{@code missing}: an applied migration whose file is gone, older than the newest file
 *       ({@link StateProblem.Kind#MISSING_LOCALLY});</li>
 *   <li>{@code future}: applied versions newer than every file, a database ahead of this checkout
 *       ({@link StateProblem.Kind#DATABASE_AHEAD});</li>
 *   <li>{@code ignored}: a pending file older than the current version
 *       ({@link StateProblem.Kind#OUT_OF_ORDER}); it is then skipped, not run, unless {@code --out-of-order};</li>
 *   <li>{@code pending}: accepted for Flyway's sake and without effect, since a pending migration never stops
 *       Sluice's {@code validate};</li>
 *   <li>{@code *}: all of these.</li>
 * </ul>
 * Only versioned migrations have these states in Sluice, so {@code repeatable:...} matches nothing.
 *
 * <p>Hazard: an edited applied file, an interrupted run or a partly applied failure can never be ignored; they
 * mean the schema is not what the history says.
 *
 * @param patterns the patterns as written, normalised to lower case
 */
public record IgnoreMigrationPatterns(Set<String> patterns) {

    private static final Set<String> TYPES = Set.of("*", "versioned", "repeatable");
    private static final Set<String> STATES = Set.of("*", "missing", "future", "ignored", "pending");

    /** Nothing ignored: Sluice's default, stricter than Flyway's {@code *:future}. */
    public static final IgnoreMigrationPatterns NONE = new IgnoreMigrationPatterns(Set.of());

    public IgnoreMigrationPatterns {
        Set<String> checked = new LinkedHashSet<>();
        for (String p : patterns) {
            String pattern = p.strip().toLowerCase(Locale.ROOT);
            int colon = pattern.indexOf(':');
            if (colon < 0 || !TYPES.contains(pattern.substring(0, colon)) || !STATES.contains(pattern.substring(colon + 1))) {
                throw new IllegalArgumentException("'" + p.strip() + "' is not a pattern: write type:state, the type one of *, versioned,"
                        + " repeatable and the state one of missing, future, ignored, pending, * (e.g. *:missing)");
            }
            checked.add(pattern);
        }
        patterns = Set.copyOf(checked);
    }

    /** The comma-separated form, blank entries skipped. */
    public static IgnoreMigrationPatterns parse(String commaSeparated) {
        Set<String> patterns = new LinkedHashSet<>();
        for (String p : commaSeparated.split(",")) {
            if (!p.isBlank()) {
                patterns.add(p);
            }
        }
        return new IgnoreMigrationPatterns(patterns);
    }

    /** Whether a problem of this kind is let through. */
    public boolean ignores(StateProblem.Kind kind) {
        String state = switch (kind) {
            case MISSING_LOCALLY -> "missing";
            case DATABASE_AHEAD -> "future";
            case OUT_OF_ORDER -> "ignored";
            default -> null;
        };
        if (state == null) {
            return false;
        }
        for (String p : patterns) {
            String[] parts = p.split(":", 2);
            if ((parts[0].equals("*") || parts[0].equals("versioned")) && (parts[1].equals("*") || parts[1].equals(state))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
