package dev.sluice.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one small JSON writer and reader of the project (snapshot files, backup manifests, the command
 * line's reports), so the core library does not grow a dependency for it. Values are {@code null}, {@link String}, {@link Boolean}, {@link Number},
 * {@link Map} (written in its iteration order) and {@link List}.
 *
 * <p>Objects at depth below {@code breakDepth} are written one member per line; deeper ones on one line,
 * which keeps a snapshot to one line per database object.
 */
public final class Json {

    private Json() {
    }

    /** Writes {@code value} with one member per line at every level, for reports people read. */
    public static String write(Object value) {
        return write(value, Integer.MAX_VALUE);
    }

    /** Writes {@code value} with one member per line for the outer {@code breakDepth} levels. */
    public static void write(Object value, Appendable out, int breakDepth) {
        try {
            write(value, out, 0, breakDepth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value, int breakDepth) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, breakDepth);
        return sb.toString();
    }

    private static void write(Object value, Appendable out, int depth, int breakDepth) throws IOException {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value.toString());
        } else if (value instanceof Map<?, ?> map) {
            boolean lines = depth < breakDepth && !map.isEmpty();
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                if (lines) {
                    newline(out, depth + 1);
                }
                quote(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, depth + 1, breakDepth);
                if (it.hasNext()) {
                    out.append(lines ? "," : ", ");
                }
            }
            if (lines) {
                newline(out, depth);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            boolean lines = depth < breakDepth && !list.isEmpty();
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (lines) {
                    newline(out, depth + 1);
                }
                write(list.get(i), out, depth + 1, breakDepth);
                if (i + 1 < list.size()) {
                    out.append(lines ? "," : ", ");
                }
            }
            if (lines) {
                newline(out, depth);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void newline(Appendable out, int depth) throws IOException {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void quote(String s, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Parses one JSON value; objects become insertion-ordered maps, numbers {@link Long} or {@link Double}. */
    public static Object read(String text) {
        Reader r = new Reader(text);
        r.space();
        Object value = r.value();
        r.space();
        if (r.pos < text.length()) {
            throw r.error("unexpected text after the value");
        }
        return value;
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("unexpected end of input");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        space();
                        if (pos >= s.length() || s.charAt(pos) != '"') {
                            throw error("expected a member name");
                        }
                        String key = string();
                        space();
                        expect(':');
                        space();
                        if (map.put(key, value()) != null) {
                            throw error("duplicate member '" + key + "'");
                        }
                        space();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        space();
                        list.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", pos)) {
                        pos += 4;
                        return Boolean.TRUE;
                    } else if (s.startsWith("false", pos)) {
                        pos += 5;
                        return Boolean.FALSE;
                    } else if (s.startsWith("null", pos)) {
                        pos += 4;
                        return null;
                    } else if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            }
        }

        private Object number() {
            int start = pos;
            boolean fraction = false;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                fraction |= ".eE".indexOf(s.charAt(pos)) >= 0;
                pos++;
            }
            String n = s.substring(start, pos);
            try {
                return fraction ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw error("bad number '" + n + "'");
            }
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + e + "'");
                }
            }
        }

        boolean peek(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        void space() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new IllegalArgumentException("JSON line " + line + ", column " + col + ": " + what);
        }
    }
}
