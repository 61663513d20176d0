package dev.sluice.sql;

import dev.sluice.sql.internal.StatementParser;
import java.util.Optional;

/**
 * Decides from what a statement is whether PostgreSQL lets it run inside a transaction block. A script
 * holding such a statement must run in autocommit, statement by statement; guessing wrong means either
 * an error ("cannot run inside a transaction block") or, worse, a script believed atomic that is not.
 * Read from the statement model ({@link PgStatement}), the one the lint judges.
 *
 * <p>Sluice supports PostgreSQL 14 and later, where {@code ALTER TYPE ... ADD VALUE} may run in a
 * transaction (the new value just cannot be used before commit), so it is not listed here.
 */
public final class TransactionRequirement {

    private TransactionRequirement() {
    }

    /** Why the statement must run outside a transaction block, or empty when it may run inside one. */
    public static Optional<String> reasonOutsideTransaction(SqlStatement statement) {
        return reasonOutsideTransaction(StatementParser.parse(statement));
    }

    /** Why the statement must run outside a transaction block, or empty when it may run inside one. */
    public static Optional<String> reasonOutsideTransaction(PgStatement s) {
        String what = null;
        if (s instanceof PgStatement.CreateIndex i && i.concurrently()) {
            what = "CREATE INDEX CONCURRENTLY";
        } else if (s instanceof PgStatement.Drop d && d.concurrently() && d.objectType().equals("INDEX")) {
            what = "DROP INDEX CONCURRENTLY";
        } else if (s instanceof PgStatement.Reindex r && r.concurrently()) {
            what = "REINDEX CONCURRENTLY";
        } else if (s instanceof PgStatement.Reindex r && (r.objectType().equals("SYSTEM") || r.objectType().equals("DATABASE"))) {
            what = "REINDEX " + r.objectType();
        } else if (s.kind() == StatementKind.VACUUM) {
            what = "VACUUM";
        } else if (s instanceof PgStatement.AlterSystem) {
            what = "ALTER SYSTEM";
        } else if (s.kind() == StatementKind.CREATE_DATABASE || s.kind() == StatementKind.DROP_DATABASE) {
            what = (s.kind() == StatementKind.CREATE_DATABASE ? "CREATE" : "DROP") + " DATABASE";
        } else if (s instanceof PgStatement.CreateObject o && o.objectType().equals("TABLESPACE")) {
            what = "CREATE TABLESPACE";
        } else if (s instanceof PgStatement.Drop d && d.objectType().equals("TABLESPACE")) {
            what = "DROP TABLESPACE";
        } else if (s instanceof PgStatement.AlterTable a && a.actions().stream().anyMatch(x ->
                x.type() == AlterTableAction.Type.DETACH_PARTITION && x.concurrently() && !x.finalizing())) {
            what = "DETACH PARTITION CONCURRENTLY";
        }
        return Optional.ofNullable(what).map(w -> w + " cannot run inside a transaction block");
    }

    /**
     * Whether the statement starts or ends a transaction ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}
     * and their synonyms). Inside a script that Sluice wraps in a transaction, such a statement would
     * commit the migration without its history row; {@code ROLLBACK TO SAVEPOINT} is harmless and not
     * counted.
     */
    public static boolean isTransactionControl(SqlStatement statement) {
        return isTransactionControl(StatementParser.parse(statement));
    }

    /** Whether the statement starts or ends a transaction; see {@link #isTransactionControl(SqlStatement)}. */
    public static boolean isTransactionControl(PgStatement s) {
        return switch (s.kind()) {
            case BEGIN, COMMIT, ROLLBACK -> true;
            default -> s instanceof PgStatement.PrepareTransaction;
        };
    }
}
