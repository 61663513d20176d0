package dev.sluice.migration.internal;

import dev.sluice.migration.MigrationProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a TypeORM migration class ({@code .ts} or compiled {@code .js}) far enough to take the SQL out of
 * the {@code queryRunner.query(...)} calls of its {@code up} and {@code down}, without running it.
 *
 * <p>Only a call whose one argument is a plain string literal is taken: {@code '...'}, {@code "..."} or a
 * template literal without {@code ${...}}, with JavaScript's escapes decoded. Anything else the runner is used
 * for (a template with {@code ${}}, a concatenation, a variable, parameters, {@code queryRunner.createTable},
 * the runner handed to other code) is reported with its line as needing a SQL file, never guessed at.
 *
 * <p>The SQL of each call is placed at the line the call's literal starts on, so a message about a statement
 * names the line of the {@code .ts} file. Hazard: the reader knows the language's tokens, not its grammar; a
 * regular-expression literal holding a quote inside {@code up} or {@code down} can mislead it.
 *
 * @param className the class's name, or its {@code name} property when it sets one (what TypeORM records)
 * @param up        the SQL of {@code up}, empty when it has none
 * @param down      the SQL of {@code down}, empty when it has none
 * @param upProblems   each use of the runner in {@code up} that is not a plain SQL literal, by line
 * @param downProblems the same for {@code down}
 */
public record TypeormMigrationFile(Optional<String> className, String up, String down, List<MigrationProblem> upProblems,
                                   List<MigrationProblem> downProblems) {

    public TypeormMigrationFile {
        upProblems = List.copyOf(upProblems);
        downProblems = List.copyOf(downProblems);
    }

    /** Every problem of the file, up's first. */
    public List<MigrationProblem> problems() {
        List<MigrationProblem> all = new ArrayList<>(upProblems);
        all.addAll(downProblems);
        return all;
    }

    /**
     * @param file the path shown in problems
     */
    public static TypeormMigrationFile read(String file, String text) {
        List<Tok> tokens = new Lexer(text).all();
        Optional<String> className = Optional.empty();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isIdent("class") && tokens.get(i + 1).kind == Kind.IDENT && className.isEmpty()) {
                className = Optional.of(tokens.get(i + 1).text);
            }
            // name = 'X1700000000000' (a class field) or this.name = '...' (compiled JavaScript)
            if (tokens.get(i).isIdent("name")
                    && i + 2 < tokens.size() && tokens.get(i + 1).is("=") && tokens.get(i + 2).kind == Kind.STRING
                    && tokens.get(i + 2).plain && (i == 0 || !tokens.get(i - 1).is(".") || tokens.get(i - 2).isIdent("this"))) {
                className = Optional.of(tokens.get(i + 2).text);
                break;
            }
        }
        List<MigrationProblem> upProblems = new ArrayList<>();
        List<MigrationProblem> downProblems = new ArrayList<>();
        String up = method(file, tokens, "up", upProblems);
        String down = method(file, tokens, "down", downProblems);
        return new TypeormMigrationFile(className, up, down, upProblems, downProblems);
    }

    private static String method(String file, List<Tok> tokens, String name, List<MigrationProblem> problems) {
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            if (!t.isIdent(name) || (i > 0 && tokens.get(i - 1).is("."))) {
                continue;
            }
            int open = i + 1;
            if (open < tokens.size() && (tokens.get(open).is("=") || tokens.get(open).is(":"))) {
                open++;
                while (open < tokens.size() && (tokens.get(open).isIdent("async") || tokens.get(open).isIdent("function"))) {
                    open++;
                }
            }
            if (open >= tokens.size() || !tokens.get(open).is("(")) {
                continue;
            }
            int close = matching(tokens, open, "(", ")");
            String runner = null;
            for (int p = open + 1; p < close; p++) {
                if (tokens.get(p).kind == Kind.IDENT) {
                    runner = tokens.get(p).text;
                    break;
                }
            }
            int body = close + 1;
            while (body < tokens.size() && !tokens.get(body).is("{") && !tokens.get(body).is(";") && !tokens.get(body).is("}")) {
                body++;
            }
            if (body >= tokens.size() || !tokens.get(body).is("{")) {
                continue;
            }
            int end = matching(tokens, body, "{", "}");
            return runner == null ? "" : sqlOf(file, tokens.subList(body + 1, end), runner, problems);
        }
        return "";
    }

    private static String sqlOf(String file, List<Tok> body, String runner, List<MigrationProblem> problems) {
        StringBuilder sql = new StringBuilder();
        int line = 1;
        for (int i = 0; i < body.size(); i++) {
            Tok t = body.get(i);
            if (!t.isIdent(runner) || (i > 0 && body.get(i - 1).is("."))) {
                continue;
            }
            boolean call = i + 3 < body.size() && body.get(i + 1).is(".") && body.get(i + 2).kind == Kind.IDENT
                    && body.get(i + 3).is("(");
            if (!call) {
                problems.add(new MigrationProblem(file, t.line, runner + " is used other than in " + runner
                        + ".query('...'): needs a SQL file"));
                continue;
            }
            String method = body.get(i + 2).text;
            if (!method.equals("query")) {
                problems.add(new MigrationProblem(file, t.line, runner + "." + method + "(...) is not SQL: needs a SQL file"));
                i += 3;
                continue;
            }
            Tok arg = i + 4 < body.size() ? body.get(i + 4) : null;
            Tok after = i + 5 < body.size() ? body.get(i + 5) : null;
            if (arg == null || arg.kind != Kind.STRING || !arg.plain) {
                String what = arg != null && arg.kind == Kind.STRING ? "a template literal with ${...}" : "an expression";
                problems.add(new MigrationProblem(file, t.line, runner + ".query(...) is given " + what
                        + ", not a plain string literal: needs a SQL file"));
                i += 3;
                continue;
            }
            if (after == null || !after.is(")")) {
                String what = after != null && after.is(",") ? "parameters" : "a string built from parts";
                problems.add(new MigrationProblem(file, t.line, runner + ".query(...) is given " + what
                        + ": needs a SQL file"));
                i += 3;
                continue;
            }
            while (line < arg.line) {
                sql.append('\n');
                line++;
            }
            String statement = arg.text.strip();
            sql.append(statement);
            if (!statement.endsWith(";")) {
                sql.append(';');
            }
            line += (int) statement.chars().filter(ch -> ch == '\n').count();
            i += 5;
        }
        if (sql.length() > 0) {
            sql.append('\n');
        }
        return sql.toString();
    }

    private static int matching(List<Tok> tokens, int open, String o, String c) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is(o)) {
                depth++;
            } else if (tokens.get(i).is(c) && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    private enum Kind { IDENT, STRING, PUNCT, OTHER }

    /** A token; for a string, {@code text} is its decoded value and {@code plain} says it holds no {@code ${}}. */
    private record Tok(Kind kind, String text, int line, boolean plain) {

        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        boolean isIdent(String name) {
            return kind == Kind.IDENT && text.equals(name);
        }
    }

    /** JavaScript's tokens, as far as needed: identifiers, string and template literals, punctuation; comments skipped. */
    private static final class Lexer {

        private final String s;
        private int pos;
        private int line = 1;

        Lexer(String s) {
            this.s = s;
        }

        List<Tok> all() {
            List<Tok> out = new ArrayList<>();
            Tok t;
            while ((t = next()) != null) {
                out.add(t);
            }
            return out;
        }

        /** The tokens of a template's {@code ${...}} up to its closing brace, which is consumed. */
        private void skipSubstitution() {
            int depth = 1;
            Tok t;
            while ((t = next()) != null) {
                if (t.is("{")) {
                    depth++;
                } else if (t.is("}") && --depth == 0) {
                    return;
                }
            }
        }

        Tok next() {
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(ch) || ch == '\uFEFF') {
                    pos++;
                } else if (s.startsWith("//", pos)) {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    end = end < 0 ? s.length() : end + 2;
                    line += (int) s.substring(pos, end).chars().filter(c -> c == '\n').count();
                    pos = end;
                } else {
                    break;
                }
            }
            if (pos >= s.length()) {
                return null;
            }
            char ch = s.charAt(pos);
            int startLine = line;
            if (Character.isJavaIdentifierStart(ch)) {
                int start = pos;
                while (pos < s.length() && Character.isJavaIdentifierPart(s.charAt(pos))) {
                    pos++;
                }
                return new Tok(Kind.IDENT, s.substring(start, pos), startLine, true);
            }
            if (ch == '\'' || ch == '"' || ch == '`') {
                return string(ch, startLine);
            }
            pos++;
            if ("(){}[];,.:=+".indexOf(ch) >= 0) {
                return new Tok(Kind.PUNCT, String.valueOf(ch), startLine, true);
            }
            return new Tok(Kind.OTHER, String.valueOf(ch), startLine, true);
        }

        private Tok string(char quote, int startLine) {
            pos++;
            StringBuilder value = new StringBuilder();
            boolean plain = true;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == quote) {
                    pos++;
                    return new Tok(Kind.STRING, value.toString(), startLine, plain);
                }
                if (ch == '\\') {
                    pos = escape(value);
                    continue;
                }
                if (quote == '`' && s.startsWith("${", pos)) {
                    plain = false;
                    pos += 2;
                    skipSubstitution();
                    continue;
                }
                if (ch == '\r') {
                    // A template keeps a line break as \n, whatever the file's line ends are.
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                        pos++;
                    }
                    ch = '\n';
                }
                if (ch == '\n') {
                    if (quote != '`') {
                        break; // an unterminated quote: not a literal this reader vouches for
                    }
                    line++;
                }
                value.append(ch);
                pos++;
            }
            return new Tok(Kind.STRING, value.toString(), startLine, false);
        }

        /** Decodes the escape at {@code pos} (a backslash) into {@code value}; returns the position after it. */
        private int escape(StringBuilder value) {
            try {
                return decodeEscape(value);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                value.append(s.charAt(pos + 1));
                return pos + 2;
            }
        }

        private int decodeEscape(StringBuilder value) {
            int p = pos + 1;
            if (p >= s.length()) {
                return p;
            }
            char e = s.charAt(p);
            switch (e) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'v' -> value.append('\u000B');
                case '0' -> value.append('\0');
                case '\r' -> {
                    if (p + 1 < s.length() && s.charAt(p + 1) == '\n') {
                        p++;
                    }
                    line++;
                }
                case '\n' -> line++; // a line continuation adds nothing
                case 'x' -> {
                    if (p + 2 < s.length()) {
                        value.append((char) Integer.parseInt(s.substring(p + 1, p + 3), 16));
                        return p + 3;
                    }
                }
                case 'u' -> {
                    if (p + 1 < s.length() && s.charAt(p + 1) == '{') {
                        int close = s.indexOf('}', p);
                        value.appendCodePoint(Integer.parseInt(s.substring(p + 2, close), 16));
                        return close + 1;
                    }
                    if (p + 4 < s.length()) {
                        value.append((char) Integer.parseInt(s.substring(p + 1, p + 5), 16));
                        return p + 5;
                    }
                }
                default -> value.append(e);
            }
            return p + 1;
        }
    }

    /** The 13-digit timestamp TypeORM reads from the end of a migration's name, if it has one. */
    public static Optional<Long> timestamp(String name) {
        Matcher m = Pattern.compile("(\\d{13})$").matcher(name);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
