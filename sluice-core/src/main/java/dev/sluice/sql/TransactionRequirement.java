package dev.sluice.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides from what a statement is whether PostgreSQL lets it run inside a transaction block. A script
 * holding such a statement must run in autocommit, statement by statement; guessing wrong means either
 * an error ("cannot run inside a transaction block") or, worse, a script believed atomic that is not.
 *
 * <p>Sluice supports PostgreSQL 14 and later, where {@code ALTER TYPE ... ADD VALUE} may run in a
 * transaction (the new value just cannot be used before commit), so it is not listed here.
 */
public final class TransactionRequirement {

    private TransactionRequirement() {
    }

    /** Why the statement must run outside a transaction block, or empty when it may run inside one. */
    public static Optional<String> reasonOutsideTransaction(SqlStatement statement) {
        List<String> w = leadingWords(statement.sql(), 12);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        String first = w.get(0);
        String second = w.size() > 1 ? w.get(1) : "";
        List<String> afterUnique = second.equals("UNIQUE") ? w.subList(2, w.size()) : w.subList(1, w.size());
        if (first.equals("CREATE") && afterUnique.size() > 1 && afterUnique.get(0).equals("INDEX")
                && afterUnique.get(1).equals("CONCURRENTLY")) {
            return Optional.of("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
        }
        if (first.equals("DROP") && second.equals("INDEX") && w.size() > 2 && w.get(2).equals("CONCURRENTLY")) {
            return Optional.of("DROP INDEX CONCURRENTLY cannot run inside a transaction block");
        }
        if (first.equals("REINDEX") && w.contains("CONCURRENTLY")) {
            return Optional.of("REINDEX CONCURRENTLY cannot run inside a transaction block");
        }
        if (first.equals("REINDEX") && (second.equals("SYSTEM") || second.equals("DATABASE"))) {
            return Optional.of("REINDEX " + second + " cannot run inside a transaction block");
        }
        if (first.equals("VACUUM")) {
            return Optional.of("VACUUM cannot run inside a transaction block");
        }
        if (first.equals("ALTER") && second.equals("SYSTEM")) {
            return Optional.of("ALTER SYSTEM cannot run inside a transaction block");
        }
        if ((first.equals("CREATE") || first.equals("DROP"))
                && (second.equals("DATABASE") || second.equals("TABLESPACE"))) {
            return Optional.of(first + " " + second + " cannot run inside a transaction block");
        }
        if (first.equals("ALTER") && second.equals("TABLE") && w.contains("DETACH") && w.contains("CONCURRENTLY")) {
            return Optional.of("DETACH PARTITION CONCURRENTLY cannot run inside a transaction block");
        }
        return Optional.empty();
    }

    /**
     * Whether the statement starts or ends a transaction ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}
     * and their synonyms). Inside a script that Sluice wraps in a transaction, such a statement would
     * commit the migration without its history row; {@code ROLLBACK TO SAVEPOINT} is harmless and not
     * counted.
     */
    public static boolean isTransactionControl(SqlStatement statement) {
        List<String> w = leadingWords(statement.sql(), 3);
        if (w.isEmpty()) {
            return false;
        }
        String second = w.size() > 1 ? w.get(1) : "";
        return switch (w.get(0)) {
            case "BEGIN", "COMMIT", "END", "ABORT" -> true;
            case "START" -> second.equals("TRANSACTION");
            case "ROLLBACK" -> {
                int to = second.equals("WORK") || second.equals("TRANSACTION") ? 2 : 1;
                yield !(w.size() > to && w.get(to).equals("TO"));
            }
            case "PREPARE" -> second.equals("TRANSACTION");
            default -> false;
        };
    }

    /**
     * The first {@code max} words of a statement at parenthesis depth zero, upper case; comments, quoted
     * names and parenthesized option lists are passed over. Enough to know what a statement is.
     */
    static List<String> leadingWords(String sql, int max) {
        List<String> words = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql, "statement");
        int depth = 0;
        Token t;
        while (words.size() < max && (t = lexer.next()) != null) {
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth = Math.max(0, depth - 1);
            } else if (t.kind() == TokenKind.WORD && depth == 0) {
                words.add(t.upper());
            }
        }
        return words;
    }
}
