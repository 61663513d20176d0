package dev.sluice.trace;

import dev.sluice.sql.LockMode;

/**
 * A lock a traced statement held on a table, index or other relation.
 *
 * @param relation     the relation's qualified name
 * @param kind         table, index, sequence, view... as pg_class.relkind says
 * @param mode         the strongest mode held on it
 * @param heldMillis   from the end of the statement that first took it to the commit
 */
public record RelationLock(String relation, String kind, LockMode mode, long heldMillis) {

    @Override
    public String toString() {
        return mode.sqlName() + " on " + kind + " " + relation + " (blocks " + mode.blocks() + ", held " + heldMillis + " ms)";
    }
}
