package dev.sluice.trace;

import java.util.List;

/**
 * What one statement did on the scratch database.
 *
 * @param script      the migration's file or class
 * @param line        the statement's line (0 for a Java migration traced as a whole)
 * @param summary     the statement's first line, cut short
 * @param millis      how long it ran
 * @param locks       the locks its transaction held after it, strongest per relation, new ones only
 * @param rewritten   relations whose data files were replaced (a table or index rewrite)
 * @param created     relations that appeared
 * @param dropped     relations that disappeared
 * @param traced      false for a statement that ran outside a transaction, whose locks end with it
 */
public record StatementTrace(String script, int line, String summary, long millis, List<RelationLock> locks,
                             List<String> rewritten, List<String> created, List<String> dropped, boolean traced) {

    public StatementTrace {
        locks = List.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        created = List.copyOf(created);
        dropped = List.copyOf(dropped);
    }
}
