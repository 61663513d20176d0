package dev.sluice.sql;

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

    /**
     * Whether a lock in this mode and one in {@code other} cannot be held at once on one table: the
     * conflict table of PostgreSQL's "Explicit Locking" chapter. It is symmetric.
     */
    public boolean conflictsWith(LockMode other) {
        return switch (this) {
            case ACCESS_SHARE -> other == ACCESS_EXCLUSIVE;
            case ROW_SHARE -> other.compareTo(EXCLUSIVE) >= 0;
            case ROW_EXCLUSIVE -> other.compareTo(SHARE) >= 0;
            case SHARE_UPDATE_EXCLUSIVE -> other.compareTo(SHARE_UPDATE_EXCLUSIVE) >= 0;
            case SHARE -> other == ROW_EXCLUSIVE || other == SHARE_UPDATE_EXCLUSIVE || other.compareTo(SHARE_ROW_EXCLUSIVE) >= 0;
            case SHARE_ROW_EXCLUSIVE -> other.compareTo(ROW_EXCLUSIVE) >= 0;
            case EXCLUSIVE -> other.compareTo(ROW_SHARE) >= 0;
            case ACCESS_EXCLUSIVE -> true;
        };
    }

    /** {@code ACCESS EXCLUSIVE}, as the SQL LOCK command spells it. */
    public String sqlName() {
        return name().replace('_', ' ').toUpperCase(Locale.ROOT);
    }
}
