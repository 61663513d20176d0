package dev.sluice.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What execution needs to know about a statement before running it: the tables it will lock, the index
 * a concurrent build creates, and whether running it twice is harmless. Read from tokens, without a
 * full parse; when in doubt it answers conservatively (no tables known, not idempotent).
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
        List<Token> t = significantTokens(statement.sql());
        if (t.isEmpty()) {
            return new StatementFacts(List.of(), Optional.empty(), true, LockMode.ACCESS_SHARE, Optional.empty());
        }
        List<String> tables = new ArrayList<>();
        Optional<String> index = Optional.empty();
        Optional<String> created = Optional.empty();
        boolean idempotent = false;
        LockMode lock = LockMode.ACCESS_EXCLUSIVE;
        String first = t.get(0).upper();
        int i;
        switch (first) {
            case "ALTER" -> {
                if (word(t, 1, "TABLE")) {
                    i = skip(t, 2, "IF", "EXISTS");
                    i = skip(t, i, "ONLY");
                    name(t, i).ifPresent(tables::add);
                    List<List<Token>> actions = actions(t, i);
                    idempotent = everyActionGuarded(actions);
                    if (onlyValidates(actions)) {
                        lock = LockMode.SHARE_UPDATE_EXCLUSIVE;
                    }
                } else if (word(t, 1, "SYSTEM")) {
                    idempotent = true;
                }
            }
            case "CREATE" -> {
                int at = 1;
                if (word(t, at, "OR") && word(t, at + 1, "REPLACE")) {
                    idempotent = true;
                    at += 2;
                }
                if (word(t, at, "UNIQUE")) {
                    at++;
                }
                if (word(t, at, "INDEX")) {
                    boolean concurrently = word(t, at + 1, "CONCURRENTLY");
                    i = at + (concurrently ? 2 : 1);
                    boolean ifNotExists = word(t, i, "IF") && word(t, i + 1, "NOT") && word(t, i + 2, "EXISTS");
                    i = ifNotExists ? i + 3 : i;
                    Optional<String> name = word(t, i, "ON") ? Optional.empty() : name(t, i);
                    int on = indexOfWord(t, "ON", i);
                    if (on > 0) {
                        name(t, skip(t, on + 1, "ONLY")).ifPresent(tables::add);
                    }
                    if (concurrently) {
                        index = name;
                    }
                    lock = concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE;
                    idempotent = ifNotExists && name.isPresent();
                } else {
                    idempotent = idempotent || containsSequence(t, "IF", "NOT", "EXISTS");
                    // A new table locks only the tables it references, in SHARE ROW EXCLUSIVE.
                    lock = LockMode.SHARE_ROW_EXCLUSIVE;
                    created = createdTable(t, at);
                }
            }
            case "DROP" -> {
                idempotent = containsSequence(t, "IF", "EXISTS");
                if (word(t, 1, "TABLE")) {
                    i = skip(t, 2, "IF", "EXISTS");
                    tables.addAll(nameList(t, i));
                }
            }
            case "TRUNCATE" -> tables.addAll(nameList(t, skip(t, skip(t, 1, "TABLE"), "ONLY")));
            case "LOCK" -> {
                tables.addAll(nameList(t, skip(t, skip(t, 1, "TABLE"), "ONLY")));
                lock = explicitLockMode(t).orElse(LockMode.ACCESS_EXCLUSIVE);
            }
            case "UPDATE" -> {
                name(t, skip(t, 1, "ONLY")).ifPresent(tables::add);
                lock = LockMode.ROW_EXCLUSIVE;
            }
            case "DELETE" -> {
                name(t, skip(t, skip(t, 1, "FROM"), "ONLY")).ifPresent(tables::add);
                lock = LockMode.ROW_EXCLUSIVE;
            }
            case "INSERT" -> {
                name(t, skip(t, 1, "INTO")).ifPresent(tables::add);
                lock = LockMode.ROW_EXCLUSIVE;
            }
            case "VACUUM", "ANALYZE", "REINDEX", "COMMENT", "SET", "RESET", "SELECT", "GRANT", "REVOKE" -> idempotent = true;
            default -> {
            }
        }
        for (int k = 0; k < t.size(); k++) {
            if (t.get(k).isWord("REFERENCES")) {
                name(t, k + 1).ifPresent(tables::add);
            }
        }
        return new StatementFacts(tables, index, idempotent, lock, created);
    }

    /**
     * {@code CREATE [GLOBAL | LOCAL] [TEMP | TEMPORARY | UNLOGGED] TABLE name}, without {@code IF NOT EXISTS};
     * {@code at} is the token after {@code CREATE}.
     */
    private static Optional<String> createdTable(List<Token> t, int at) {
        int i = skip(t, skip(t, at, "GLOBAL"), "LOCAL");
        i = skip(t, skip(t, skip(t, i, "TEMP"), "TEMPORARY"), "UNLOGGED");
        if (!word(t, i, "TABLE") || word(t, i + 1, "IF")) {
            return Optional.empty();
        }
        return name(t, i + 1);
    }

    /** The mode of {@code LOCK ... IN <mode> MODE}, where the statement names one. */
    private static Optional<LockMode> explicitLockMode(List<Token> t) {
        int in = indexOfWord(t, "IN", 1);
        int mode = indexOfWord(t, "MODE", Math.max(in, 1));
        if (in < 0 || mode < 0) {
            return Optional.empty();
        }
        StringBuilder words = new StringBuilder();
        for (int k = in + 1; k < mode; k++) {
            words.append(words.length() == 0 ? "" : "_").append(t.get(k).upper());
        }
        try {
            return Optional.of(LockMode.valueOf(words.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** ALTER TABLE is idempotent when each of its comma-separated actions carries IF [NOT] EXISTS. */
    private static boolean everyActionGuarded(List<List<Token>> actions) {
        return actions.stream().allMatch(a -> containsSequence(a, "IF", "EXISTS") || containsSequence(a, "IF", "NOT", "EXISTS"));
    }

    /** ALTER TABLE whose every action is VALIDATE CONSTRAINT, which takes SHARE UPDATE EXCLUSIVE only. */
    private static boolean onlyValidates(List<List<Token>> actions) {
        return actions.stream().allMatch(a -> !a.isEmpty() && a.get(0).isWord("VALIDATE"));
    }

    /** The actions of an ALTER TABLE whose table name starts at {@code nameAt}, split at the commas between them. */
    private static List<List<Token>> actions(List<Token> t, int nameAt) {
        int k = nameAt + 1;
        while (k + 1 < t.size() && t.get(k).is(".")) {
            k += 2;
        }
        List<List<Token>> actions = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (; k < t.size(); k++) {
            Token tok = t.get(k);
            if (tok.is("(")) {
                depth++;
            } else if (tok.is(")")) {
                depth--;
            }
            if (depth == 0 && tok.is(",")) {
                actions.add(current);
                current = new ArrayList<>();
            } else {
                current.add(tok);
            }
        }
        actions.add(current);
        return actions;
    }

    static List<Token> significantTokens(String sql) {
        SqlLexer lexer = new SqlLexer(sql, "statement");
        List<Token> tokens = new ArrayList<>();
        Token tok;
        while ((tok = lexer.next()) != null) {
            if (!tok.isComment()) {
                tokens.add(tok);
            }
        }
        return tokens;
    }

    private static boolean word(List<Token> t, int i, String w) {
        return i < t.size() && t.get(i).isWord(w);
    }

    private static int skip(List<Token> t, int i, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!word(t, i + k, words[k])) {
                return i;
            }
        }
        return i + words.length;
    }

    private static int indexOfWord(List<Token> t, String w, int from) {
        int depth = 0;
        for (int k = from; k < t.size(); k++) {
            if (t.get(k).is("(")) {
                depth++;
            } else if (t.get(k).is(")")) {
                depth--;
            } else if (depth == 0 && t.get(k).isWord(w)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean containsSequence(List<Token> t, String... words) {
        for (int k = 0; k + words.length <= t.size(); k++) {
            if (skip(t, k, words) == k + words.length) {
                return true;
            }
        }
        return false;
    }

    /** A possibly qualified name at {@code i}: {@code a}, {@code "A"}, {@code s.a}. */
    private static Optional<String> name(List<Token> t, int i) {
        if (i >= t.size() || !isName(t.get(i))) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(unquote(t.get(i)));
        while (i + 2 < t.size() && t.get(i + 1).is(".") && isName(t.get(i + 2))) {
            sb.append('.').append(unquote(t.get(i + 2)));
            i += 2;
        }
        return Optional.of(sb.toString());
    }

    private static List<String> nameList(List<Token> t, int i) {
        List<String> names = new ArrayList<>();
        while (i < t.size()) {
            Optional<String> n = name(t, i);
            if (n.isEmpty()) {
                break;
            }
            names.add(n.get());
            i += 1 + 2 * (int) n.get().chars().filter(c -> c == '.').count();
            if (i < t.size() && t.get(i).is(",")) {
                i++;
            } else {
                break;
            }
        }
        return names;
    }

    private static boolean isName(Token tok) {
        return tok.kind() == TokenKind.WORD || tok.kind() == TokenKind.QUOTED_IDENTIFIER;
    }

    private static String unquote(Token tok) {
        if (tok.kind() == TokenKind.QUOTED_IDENTIFIER && tok.text().startsWith("\"")) {
            return tok.text().substring(1, tok.text().length() - 1).replace("\"\"", "\"");
        }
        return tok.text().toLowerCase(java.util.Locale.ROOT);
    }
}
