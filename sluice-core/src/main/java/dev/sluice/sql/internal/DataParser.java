package dev.sluice.sql.internal;

import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.StatementKind;
import dev.sluice.sql.PgStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the statements that change or lock rows: {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE},
 * {@code TRUNCATE} and {@code LOCK}. Part of {@link StatementParser}, which says what a statement is and hands
 * it here; like it, a method here may throw on a statement it cannot follow, and the parser then keeps the
 * statement opaque.
 */
final class DataParser {

    private DataParser() {
    }

    static PgStatement dml(PgStatement.Info info, Cursor c) {
        String keyword = switch (info.kind()) {
            case INSERT -> "INSERT";
            case UPDATE -> "UPDATE";
            case DELETE -> "DELETE";
            default -> "MERGE";
        };
        while (!c.atEnd() && !(c.peekWord(keyword) && c.depthZero())) {
            c.skipOne();
        }
        c.expect(keyword);
        c.accept("INTO");
        c.accept("FROM");
        c.accept("ONLY");
        QualifiedName table = c.qualifiedName();
        boolean hasWhere = info.kind() == StatementKind.INSERT || info.kind() == StatementKind.MERGE;
        while (!c.atEnd()) {
            if (c.peekWord("WHERE") && c.depthZero()) {
                hasWhere = true;
            }
            c.skipOne();
        }
        return new PgStatement.Dml(info, table, hasWhere);
    }

    static PgStatement truncate(PgStatement.Info info, Cursor c) {
        c.expect("TRUNCATE");
        c.accept("TABLE");
        List<QualifiedName> tables = new ArrayList<>();
        boolean cascade = false;
        boolean expectName = true;
        while (!c.atEnd()) {
            if (c.accept("CASCADE")) {
                cascade = true;
            } else if (c.peek(",")) {
                c.skipOne();
                expectName = true;
            } else if (expectName && c.peekIdentifier() && !c.peekWord("RESTART") && !c.peekWord("CONTINUE")
                    && !c.peekWord("RESTRICT")) {
                c.accept("ONLY");
                tables.add(c.qualifiedName());
                expectName = false;
            } else {
                c.skipOne();
            }
        }
        return new PgStatement.Truncate(info, tables, cascade);
    }

    static PgStatement lock(PgStatement.Info info, Cursor c) {
        c.expect("LOCK");
        c.accept("TABLE");
        List<QualifiedName> tables = new ArrayList<>();
        String mode = "ACCESS EXCLUSIVE";
        while (!c.atEnd()) {
            if (c.accept("IN")) {
                StringBuilder m = new StringBuilder();
                while (!c.atEnd() && !c.peekWord("MODE")) {
                    m.append(m.length() == 0 ? "" : " ").append(c.nextUpper());
                }
                mode = m.toString();
            } else if (c.peek(",") || c.peek("*")) {
                c.skipOne();
            } else if (c.peekWord("MODE") || c.peekWord("NOWAIT")) {
                c.skipOne();
            } else {
                c.accept("ONLY");
                tables.add(c.qualifiedName());
            }
        }
        return new PgStatement.Lock(info, tables, mode);
    }
}
