package dev.sluice.trace;

import java.util.Locale;

/**
 * PostgreSQL's table lock modes, weakest first, with what each one keeps other sessions from doing.
 * The conflict table is PostgreSQL's own (see "Explicit Locking" in its manual); what matters to an
 * application is whether its reads (ACCESS SHARE) and its writes (ROW EXCLUSIVE) must wait.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgName;

    LockMode(String pgName) {
        this.pgName = pgName;
    }

    /** The mode as {@code pg_locks.mode} names it. */
    public static LockMode of(String pgName) {
        for (LockMode m : values()) {
            if (m.pgName.equals(pgName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown lock mode " + pgName);
    }

    /** Whether a session holding this lock makes plain SELECTs on the table wait. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** Whether it makes INSERT, UPDATE and DELETE on the table wait. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** "reads and writes", "writes", or "other DDL only". */
    public String blocks() {
        return blocksReads() ? "reads and writes" : blocksWrites() ? "writes" : "schema changes only";
    }

    /** {@code ACCESS EXCLUSIVE}, as the SQL LOCK command spells it. */
    public String sqlName() {
        return name().replace('_', ' ').toUpperCase(Locale.ROOT);
    }
}
