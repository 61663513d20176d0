package dev.sluice.sql;

import dev.sluice.sql.internal.StatementParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What execution needs to know about a statement before running it: the tables it will lock, the index
 * a concurrent build creates, and whether running it twice is harmless. Read from the statement model
 * ({@link PgStatement}) that the lint judges, so execution and lint cannot disagree about what a statement
 * is. Where the model has no detail (a statement the parser could not follow), it answers conservatively
 * (only the table the statement's leading words name, not idempotent, ACCESS EXCLUSIVE).
 *
 * @param tables       qualified or bare table names the statement locks, as written (quotes removed)
 * @param concurrentIndex the index a {@code CREATE INDEX CONCURRENTLY} builds, when it names one
 * @param idempotent   whether a second run after a crash cannot fail or change anything more
 * @param lock         the strongest table lock the statement asks for on {@link #tables()}; where it is not
 *                     known from the words, ACCESS EXCLUSIVE, the cautious answer (a foreign key's target
 *                     table, for one, is really locked in SHARE ROW EXCLUSIVE)
 * @param createdTable the table a plain {@code CREATE TABLE} makes, as written; empty with {@code IF NOT EXISTS},
 *                     which may meet a table that exists (and that others may hold locks on)
 */
public record StatementFacts(List<String> tables, Optional<String> concurrentIndex, boolean idempotent, LockMode lock,
                             Optional<String> createdTable) {

    public StatementFacts {
        tables = List.copyOf(tables);
    }

    public static StatementFacts of(SqlStatement statement) {
        return of(StatementParser.parse(statement));
    }

    public static StatementFacts of(PgStatement s) {
        if (s.info().tokens().isEmpty()) {
            return new StatementFacts(List.of(), Optional.empty(), true, LockMode.ACCESS_SHARE, Optional.empty());
        }
        List<String> tables = new ArrayList<>();
        Optional<String> index = Optional.empty();
        Optional<String> created = Optional.empty();
        boolean idempotent = false;
        LockMode lock = LockMode.ACCESS_EXCLUSIVE;
        if (s instanceof PgStatement.AlterTable a) {
            tables.add(a.name().toString());
            List<AlterTableAction> actions = a.actions();
            idempotent = !actions.isEmpty() && actions.stream().allMatch(AlterTableAction::guarded);
            // VALIDATE CONSTRAINT alone takes SHARE UPDATE EXCLUSIVE only.
            if (!actions.isEmpty() && actions.stream().allMatch(x -> x.type() == AlterTableAction.Type.VALIDATE_CONSTRAINT)) {
                lock = LockMode.SHARE_UPDATE_EXCLUSIVE;
            }
        } else if (s instanceof PgStatement.AlterSystem) {
            idempotent = true;
        } else if (s instanceof PgStatement.CreateIndex i) {
            tables.add(i.table().toString());
            index = i.concurrently() ? i.name() : Optional.empty();
            lock = i.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE;
            idempotent = i.ifNotExists() && i.name().isPresent();
        } else if (s instanceof PgStatement.CreateTable t) {
            // A new table locks only the tables it references, in SHARE ROW EXCLUSIVE.
            lock = LockMode.SHARE_ROW_EXCLUSIVE;
            idempotent = t.ifNotExists();
            created = t.ifNotExists() ? Optional.empty() : Optional.of(t.name().toString());
        } else if (s instanceof PgStatement.CreateObject o) {
            lock = LockMode.SHARE_ROW_EXCLUSIVE;
            idempotent = o.orReplace() || o.ifNotExists();
        } else if (s instanceof PgStatement.Drop d) {
            idempotent = d.ifExists();
            if (d.objectType().equals("TABLE")) {
                d.names().forEach(n -> tables.add(n.toString()));
            }
        } else if (s instanceof PgStatement.Truncate t) {
            t.tables().forEach(n -> tables.add(n.toString()));
        } else if (s instanceof PgStatement.Lock l) {
            l.tables().forEach(n -> tables.add(n.toString()));
            lock = lockMode(l.mode());
        } else if (s instanceof PgStatement.Dml d) {
            tables.add(d.table().toString());
            lock = LockMode.ROW_EXCLUSIVE;
        } else {
            switch (s.kind()) {
                case VACUUM, ANALYZE, REINDEX, COMMENT, SET, RESET, SELECT, GRANT, REVOKE -> idempotent = true;
                case INSERT, UPDATE, DELETE, MERGE -> lock = LockMode.ROW_EXCLUSIVE;
                default -> {
                    if (s.kind().name().startsWith("CREATE_") && s.kind() != StatementKind.CREATE_INDEX) {
                        lock = LockMode.SHARE_ROW_EXCLUSIVE;
                    }
                }
            }
            // A statement of a destructive kind that the parser could not follow keeps the table its leading
            // words name (a COMMENT's target is only commented on).
            if (s instanceof PgStatement.Opaque) {
                s.target().filter(n -> s.kind() != StatementKind.COMMENT).ifPresent(n -> tables.add(n.toString()));
            }
        }
        s.referencedTables().forEach(n -> tables.add(n.toString()));
        return new StatementFacts(tables, index, idempotent, lock, created);
    }

    /** The mode of {@code LOCK ... IN <mode> MODE}; ACCESS EXCLUSIVE where it is not one PostgreSQL knows. */
    private static LockMode lockMode(String mode) {
        try {
            return LockMode.valueOf(mode.replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return LockMode.ACCESS_EXCLUSIVE;
        }
    }
}
