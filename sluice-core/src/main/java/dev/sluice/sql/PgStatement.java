package dev.sluice.sql;

import dev.sluice.sql.Token;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A statement read by {@link StatementParser}: what it is and, for the DDL that can lock or destroy,
 * the parts that decide whether it does. Anything the parser does not look into is an {@link Opaque}
 * with its kind, so an unusual but valid statement never stops a lint run.
 *
 * <p>This is the one statement model: the lint's rules, {@link StatementFacts} (locks, idempotence),
 * {@link TransactionRequirement} (transaction mode) and {@link DataLoss} (what a statement destroys) all
 * read it, so they cannot disagree about what a statement is. A question none of them can answer from it
 * is a reason to add a detail here, not to read the statement's text again elsewhere.
 */
public sealed interface PgStatement {

    /** Kind, source and tokens, shared by every statement type. */
    Info info();

    default StatementKind kind() {
        return info().kind();
    }

    default SqlStatement source() {
        return info().source();
    }

    /** The table (or other object) the statement acts on first, when it names one. */
    Optional<QualifiedName> target();

    /** Tables a foreign key of this statement references: PostgreSQL locks them too. */
    default List<QualifiedName> referencedTables() {
        return List.of();
    }

    /**
     * @param kind   what the statement is
     * @param source the statement as split from its file
     * @param tokens its tokens without comments; positions are relative to the statement's text
     */
    record Info(StatementKind kind, SqlStatement source, List<Token> tokens) {
        public Info {
            tokens = List.copyOf(tokens);
        }

        /** The 1-based file line of a token of this statement. */
        public int line(Token t) {
            return source.line() + t.line() - 1;
        }

        /** The 1-based file column of a token of this statement. */
        public int column(Token t) {
            return t.line() == 1 ? source.column() + t.column() - 1 : t.column();
        }
    }

    /**
     * @param partitionOf the parent, for {@code CREATE TABLE ... PARTITION OF parent}
     * @param partitioned {@code PARTITION BY}: the table is a partitioned parent
     */
    record CreateTable(Info info, QualifiedName name, boolean ifNotExists, boolean temporary,
                       List<ColumnDefinition> columns, List<ConstraintDefinition> constraints,
                       Optional<QualifiedName> partitionOf, boolean partitioned) implements PgStatement {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }

        @Override
        public Optional<QualifiedName> target() {
            return Optional.of(name);
        }

        @Override
        public List<QualifiedName> referencedTables() {
            return Stream.concat(columns.stream().map(ColumnDefinition::referencedTable),
                    constraints.stream().map(ConstraintDefinition::referencedTable)).flatMap(Optional::stream).toList();
        }
    }

    record AlterTable(Info info, QualifiedName name, boolean ifExists, List<AlterTableAction> actions)
            implements PgStatement {
        public AlterTable {
            actions = List.copyOf(actions);
        }

        @Override
        public Optional<QualifiedName> target() {
            return Optional.of(name);
        }

        @Override
        public List<QualifiedName> referencedTables() {
            return actions.stream().flatMap(a -> Stream.concat(
                    a.newColumn().flatMap(ColumnDefinition::referencedTable).stream(),
                    a.constraint().flatMap(ConstraintDefinition::referencedTable).stream())).toList();
        }
    }

    /**
     * @param name the index's name as written (quotes removed), when it is given
     * @param only {@code ON ONLY}: on a partitioned table, an index for the parent alone
     */
    record CreateIndex(Info info, Optional<String> name, QualifiedName table, boolean unique, boolean concurrently,
                       boolean ifNotExists, boolean only) implements PgStatement {
        @Override
        public Optional<QualifiedName> target() {
            return Optional.of(table);
        }
    }

    /**
     * {@code DROP <objectType> [CONCURRENTLY] [IF EXISTS] names [CASCADE]}.
     *
     * @param objectType the object type in upper case, e.g. {@code TABLE}, {@code MATERIALIZED VIEW}
     */
    record Drop(Info info, String objectType, List<QualifiedName> names, boolean ifExists, boolean concurrently,
                boolean cascade) implements PgStatement {
        public Drop {
            names = List.copyOf(names);
        }

        @Override
        public Optional<QualifiedName> target() {
            return names.stream().findFirst();
        }
    }

    /** @param objectType {@code INDEX}, {@code TABLE}, {@code SCHEMA}, {@code DATABASE} or {@code SYSTEM} */
    record Reindex(Info info, String objectType, Optional<QualifiedName> name, boolean concurrently)
            implements PgStatement {
        @Override
        public Optional<QualifiedName> target() {
            return name;
        }
    }

    /**
     * {@code ALTER TYPE} and {@code ALTER DOMAIN}.
     *
     * @param action what it does
     * @param value  for an enum value action, the (new) value; for a rename, the new name
     */
    record AlterType(Info info, QualifiedName name, Action action, Optional<String> value, boolean notValid)
            implements PgStatement {
        public enum Action { ADD_VALUE, RENAME_VALUE, RENAME, ADD_CONSTRAINT, VALIDATE_CONSTRAINT, SET_NOT_NULL, OTHER }

        @Override
        public Optional<QualifiedName> target() {
            return Optional.of(name);
        }
    }

    /**
     * {@code ALTER SCHEMA/VIEW/SEQUENCE/INDEX/...}: other objects, with a rename when that is what it does.
     *
     * @param objectType upper case, e.g. {@code SCHEMA}
     */
    record AlterObject(Info info, String objectType, QualifiedName name, Optional<String> renameTo)
            implements PgStatement {
        @Override
        public Optional<QualifiedName> target() {
            return Optional.of(name);
        }
    }

    record Truncate(Info info, List<QualifiedName> tables, boolean cascade) implements PgStatement {
        public Truncate {
            tables = List.copyOf(tables);
        }

        @Override
        public Optional<QualifiedName> target() {
            return tables.stream().findFirst();
        }
    }

    /** @param mode the lock mode in upper case; {@code ACCESS EXCLUSIVE} when none is given */
    record Lock(Info info, List<QualifiedName> tables, String mode) implements PgStatement {
        public Lock {
            tables = List.copyOf(tables);
        }

        @Override
        public Optional<QualifiedName> target() {
            return tables.stream().findFirst();
        }
    }

    /** {@code VACUUM} and {@code CLUSTER}; {@code full} is VACUUM FULL (CLUSTER always rewrites). */
    record Maintenance(Info info, boolean full, List<QualifiedName> tables) implements PgStatement {
        public Maintenance {
            tables = List.copyOf(tables);
        }

        @Override
        public Optional<QualifiedName> target() {
            return tables.stream().findFirst();
        }
    }

    /** {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}; a leading {@code WITH} is passed over. */
    record Dml(Info info, QualifiedName table, boolean hasWhere) implements PgStatement {
        @Override
        public Optional<QualifiedName> target() {
            return Optional.of(table);
        }
    }

    /** {@code SET [LOCAL|SESSION] name TO|= value}; {@code value} as written, lower case for words. */
    record Set(Info info, boolean local, String parameter, String value) implements PgStatement {
        @Override
        public Optional<QualifiedName> target() {
            return Optional.empty();
        }
    }

    /**
     * {@code CREATE} of an object other than a table or an index: view, function, procedure, trigger, policy,
     * sequence, schema, type, domain, extension, role, database, tablespace, ...
     *
     * @param objectType the object's type word in upper case, e.g. {@code VIEW}, {@code TRIGGER}, {@code TABLESPACE}
     * @param target     the object made, or for a trigger or policy the table it is on; empty where the
     *                   parser does not tell (roles, databases, and other objects outside the schema)
     * @param orReplace  {@code CREATE OR REPLACE}
     * @param ifNotExists {@code IF NOT EXISTS}
     */
    record CreateObject(Info info, String objectType, Optional<QualifiedName> target, boolean orReplace,
                        boolean ifNotExists) implements PgStatement {
    }

    /** {@code ALTER SYSTEM}: writes the server's configuration file, outside any transaction. */
    record AlterSystem(Info info) implements PgStatement {
        @Override
        public Optional<QualifiedName> target() {
            return Optional.empty();
        }
    }

    /** {@code PREPARE TRANSACTION}: ends the current transaction, as a COMMIT does. */
    record PrepareTransaction(Info info) implements PgStatement {
        @Override
        public Optional<QualifiedName> target() {
            return Optional.empty();
        }
    }

    /**
     * Anything else, with its kind and the object it names where that is easy to tell. A statement of a
     * detailed kind that the parser could not follow keeps the table its leading words name, where they do.
     */
    record Opaque(Info info, Optional<QualifiedName> target) implements PgStatement {
    }
}
