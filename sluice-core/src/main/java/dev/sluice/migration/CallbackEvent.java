package dev.sluice.migration;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's SQL callback events that {@code migrate} runs: a file named {@code <event>.sql} or
 * {@code <event>__<description>.sql} among the migrations is run at that moment (several per event, in name
 * order). Flyway's other events (validate, info, clean, undo, ...) are recognised and reported as not run.
 */
public enum CallbackEvent {
    /** Once, before the run plans anything, in its own transaction. */
    BEFORE_MIGRATE("beforeMigrate"),
    /** Before each migration, inside its transaction (before its first statement, in autocommit when it has none). */
    BEFORE_EACH_MIGRATE("beforeEachMigrate"),
    /** After each migration succeeded, inside its transaction, before its history row is written. */
    AFTER_EACH_MIGRATE("afterEachMigrate"),
    /** After a migration failed and was rolled back, in its own transaction. */
    AFTER_EACH_MIGRATE_ERROR("afterEachMigrateError"),
    /** After a run succeeded, in its own transaction; also when nothing was pending. */
    AFTER_MIGRATE("afterMigrate"),
    /** After a run that applied at least one migration, in its own transaction. */
    AFTER_MIGRATE_APPLIED("afterMigrateApplied"),
    /** After a run failed, in its own transaction; its own failure is added to the run's, never replaces it. */
    AFTER_MIGRATE_ERROR("afterMigrateError");

    private static final Pattern NAME = Pattern.compile("([a-zA-Z]+)(?:__.+)?\\.sql");

    /** Flyway events that Sluice recognises in file names but does not run. */
    private static final Set<String> NOT_RUN = Set.of("beforeValidate", "afterValidate", "afterValidateError",
            "beforeInfo", "afterInfo", "afterInfoError", "beforeClean", "afterClean", "afterCleanError",
            "beforeBaseline", "afterBaseline", "afterBaselineError", "beforeRepair", "afterRepair", "afterRepairError",
            "beforeUndo", "beforeEachUndo", "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError",
            "beforeEachMigrateStatement", "afterEachMigrateStatement", "afterEachMigrateStatementError",
            "beforeEachUndoStatement", "afterEachUndoStatement", "afterEachUndoStatementError", "beforeConnect",
            "afterConnect", "createSchema", "beforeCreateSchema");

    private final String fileName;

    CallbackEvent(String fileName) {
        this.fileName = fileName;
    }

    /** The event as a file name starts: {@code beforeMigrate}. */
    public String fileName() {
        return fileName;
    }

    /** The event of a callback file's name ({@code afterMigrate__refresh.sql}), when it is one Sluice runs. */
    public static Optional<CallbackEvent> ofFile(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        for (CallbackEvent e : values()) {
            if (e.fileName.equals(m.group(1))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Whether the name is that of a Flyway callback that Sluice does not run ({@code beforeValidate.sql}). */
    public static boolean isUnsupportedFlywayCallback(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() && NOT_RUN.contains(m.group(1));
    }
}
