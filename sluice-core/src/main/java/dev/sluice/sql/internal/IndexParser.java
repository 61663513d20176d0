package dev.sluice.sql.internal;

import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.PgStatement;
import java.util.Optional;

/**
 * Reads {@code CREATE INDEX} and {@code REINDEX}. Part of {@link StatementParser}, which says what a statement
 * is and hands it here; like it, a method here may throw on a statement it cannot follow, and the parser then
 * keeps the statement opaque.
 */
final class IndexParser {

    private IndexParser() {
    }

    static PgStatement createIndex(PgStatement.Info info, Cursor c) {
        c.expect("CREATE");
        boolean unique = c.accept("UNIQUE");
        c.expect("INDEX");
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Optional<String> name = Optional.empty();
        if (!c.peekWord("ON")) {
            // PostgreSQL refuses a schema-qualified index name, but the name is read whole so that the
            // statement is still followed and the error left to PostgreSQL.
            name = Optional.of(c.qualifiedName().toString());
        }
        c.expect("ON");
        boolean only = c.accept("ONLY");
        QualifiedName table = c.qualifiedName();
        return new PgStatement.CreateIndex(info, name, table, unique, concurrently, ifNotExists, only);
    }

    static PgStatement reindex(PgStatement.Info info, Cursor c) {
        c.expect("REINDEX");
        boolean concurrently = false;
        if (c.peek("(")) {
            for (Cursor o : c.parenthesizedList()) {
                if (o.accept("CONCURRENTLY") && !(o.accept("FALSE") || o.accept("OFF"))) {
                    concurrently = true;
                }
            }
        }
        String objectType = c.nextUpper();
        concurrently |= c.accept("CONCURRENTLY");
        Optional<QualifiedName> name = c.atEnd() ? Optional.empty() : Optional.of(c.qualifiedName());
        return new PgStatement.Reindex(info, objectType, name, concurrently);
    }
}
