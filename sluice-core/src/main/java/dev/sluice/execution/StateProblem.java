package dev.sluice.execution;

/**
 * Something in the database's history that does not square with the project's files and that a person
 * must look at before Sluice changes anything.
 *
 * @param kind    what sort of problem
 * @param subject the migration concerned (e.g. {@code V3 add users (V3__add_users.sql)})
 * @param message what is wrong and what to do, with the command or option that fixes it
 */
public record StateProblem(Kind kind, String subject, String message) {

    public enum Kind {
        /** An applied file was edited afterwards. */
        CHECKSUM_MISMATCH,
        /** An applied migration's file or class is gone from the project. */
        MISSING_LOCALLY,
        /** The database has versions newer than any file: it is ahead of this checkout. */
        DATABASE_AHEAD,
        /** A RUNNING row: a crash, or another run in progress. */
        INTERRUPTED,
        /** A failed migration that ran outside a transaction may be partly applied. */
        PARTIALLY_APPLIED,
        /** A pending migration older than the current version. */
        OUT_OF_ORDER
    }

    @Override
    public String toString() {
        return subject + ": " + message;
    }
}
