package dev.sluice.sql.internal;

import dev.sluice.sql.TokenKind;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.PgStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads maintenance and session statements: {@code VACUUM}, {@code CLUSTER}, {@code SET}, {@code ALTER SYSTEM}
 * and {@code PREPARE TRANSACTION}. Part of {@link StatementParser}, which says what a statement is and hands it
 * here; like it, a method here may throw on a statement it cannot follow, and the parser then keeps the
 * statement opaque.
 */
final class MaintenanceParser {

    private MaintenanceParser() {
    }

    static PgStatement vacuum(PgStatement.Info info, Cursor c) {
        c.expect("VACUUM");
        boolean full = false;
        if (c.peek("(")) {
            for (Cursor o : c.parenthesizedList()) {
                if (o.accept("FULL") && !(o.accept("FALSE") || o.accept("OFF") || o.peekText("0"))) {
                    full = true;
                }
            }
        }
        while (c.peekKind(TokenKind.WORD) && Set.of("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE").contains(c.peekUpper())) {
            full |= c.nextUpper().equals("FULL");
        }
        return new PgStatement.Maintenance(info, full, tableList(c));
    }

    static PgStatement cluster(PgStatement.Info info, Cursor c) {
        c.expect("CLUSTER");
        if (c.peek("(")) {
            c.skipParens();
        }
        c.accept("VERBOSE");
        List<QualifiedName> tables = new ArrayList<>();
        if (!c.atEnd()) {
            tables.add(c.qualifiedName());
        }
        return new PgStatement.Maintenance(info, true, tables);
    }

    private static List<QualifiedName> tableList(Cursor c) {
        List<QualifiedName> tables = new ArrayList<>();
        while (!c.atEnd()) {
            if (c.peekIdentifier()) {
                tables.add(c.qualifiedName());
                if (c.peek("(")) {
                    c.skipParens();
                }
            } else {
                c.skipOne();
            }
        }
        return tables;
    }

    static PgStatement set(PgStatement.Info info, Cursor c) {
        c.expect("SET");
        boolean local = c.accept("LOCAL");
        c.accept("SESSION");
        String parameter;
        if (c.accept("TIME", "ZONE")) {
            parameter = "timezone";
        } else {
            StringBuilder p = new StringBuilder(c.identifier());
            while (c.peek(".")) {
                c.skipOne();
                p.append('.').append(c.identifier());
            }
            parameter = p.toString();
        }
        if (!c.accept("TO") && c.peek("=")) {
            c.skipOne();
        }
        int from = c.index();
        while (!c.atEnd()) {
            c.skipOne();
        }
        String value = c.text(from, c.index());
        return new PgStatement.Set(info, local, parameter, value.toLowerCase(Locale.ROOT));
    }

    /** {@code ALTER SYSTEM ...}; other {@code ALTER}s of this kind are left opaque. */
    static PgStatement alterSystem(PgStatement.Info info, Cursor c) {
        c.expect("ALTER");
        return c.accept("SYSTEM") ? new PgStatement.AlterSystem(info) : null;
    }

    /** {@code PREPARE TRANSACTION 'id'}; a {@code PREPARE name AS ...} and anything else is left opaque. */
    static PgStatement prepareTransaction(PgStatement.Info info, Cursor c) {
        return c.accept("PREPARE", "TRANSACTION") ? new PgStatement.PrepareTransaction(info) : null;
    }
}
