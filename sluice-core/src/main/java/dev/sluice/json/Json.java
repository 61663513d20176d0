package dev.sluice.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The project's JSON writer and reader (snapshot files, backup manifests, the command line's reports), on
 * Jackson. Values are {@code null}, {@link String}, {@link Boolean}, {@link Number}, {@link Map} (written in
 * its iteration order) and {@link List}.
 *
 * <p>Objects at depth below {@code breakDepth} are written one member per line, two spaces per level; deeper
 * ones on one line ({@code {"a": 1, "b": [2, 3]}}), which keeps a snapshot to one line per database object.
 * Hazard: snapshot files and their fingerprints depend on this layout byte for byte; change it only with a
 * new snapshot format.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    /** Writes {@code value} with one member per line at every level, for reports people read. */
    public static String write(Object value) {
        return write(value, Integer.MAX_VALUE);
    }

    /** Writes {@code value} with one member per line for the outer {@code breakDepth} levels. */
    public static void write(Object value, Appendable out, int breakDepth) {
        try {
            out.append(write(value, breakDepth));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value, int breakDepth) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new Layout(breakDepth));
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(Object value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(item, g);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * Parses one JSON value; objects become insertion-ordered maps, numbers {@link Long} (or
     * {@link BigInteger} beyond it) or {@link Double}. A duplicate member or text after the value is an error.
     *
     * @throws IllegalArgumentException starting {@code JSON line L, column C:}, naming what is wrong
     */
    public static Object read(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "JSON" : "JSON line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException(where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * The layout: a container at depth below {@code breakDepth} that has members puts each on its own line,
     * indented two spaces per level; other containers stay on one line with {@code ", "} between members.
     * Members are written {@code "name": value}. One instance per generator: it counts the open containers.
     */
    private static final class Layout implements PrettyPrinter {
        private final int breakDepth;
        private int open;

        Layout(int breakDepth) {
            this.breakDepth = breakDepth;
        }

        /** Whether the innermost open container breaks its members onto lines. */
        private boolean lines() {
            return open - 1 < breakDepth;
        }

        private void newline(JsonGenerator g, int depth) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw("  ");
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(' ');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            open++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (lines()) {
                newline(g, open);
            }
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            if (lines()) {
                g.writeRaw(',');
                newline(g, open);
            } else {
                g.writeRaw(", ");
            }
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            boolean broke = nrOfEntries > 0 && lines();
            open--;
            if (broke) {
                newline(g, open);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            open++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (lines()) {
                newline(g, open);
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            writeObjectEntrySeparator(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            boolean broke = nrOfValues > 0 && lines();
            open--;
            if (broke) {
                newline(g, open);
            }
            g.writeRaw(']');
        }
    }
}
