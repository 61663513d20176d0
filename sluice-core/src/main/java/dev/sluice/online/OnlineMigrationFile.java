package dev.sluice.online;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.migration.MigrationFileException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An online migration file, read: its operations in order.
 *
 * <pre>
 * # V3__rename_email.yaml
 * operations:
 *   - rename_column: {table: users, from: email, to: email_address}
 * </pre>
 *
 * <p>A {@code .sql} file with the header {@code -- sluice:online} is read too: each statement becomes
 * the operation that does it safely, and one that maps to none is refused with file and line.
 *
 * <p>Read with Jackson's YAML module; unknown keys and operations are errors naming file and line, so a
 * typo never silently drops part of a change.
 */
public record OnlineMigrationFile(List<Operation> operations) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public OnlineMigrationFile {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    private record Document(@JsonProperty("operations") List<Operation> operations) {
    }

    /**
     * Reads a file.
     *
     * @throws MigrationFileException naming the file, the line and what to change
     */
    public static OnlineMigrationFile parse(String path, String text) {
        if (path.endsWith(".sql")) {
            return new OnlineMigrationFile(dev.sluice.online.internal.OnlineSqlReader.read(path, text));
        }
        refuseUnknownKeys(path, text, tree(path, text));
        Document doc;
        try {
            doc = YAML.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            throw new MigrationFileException(path, line(text, e), explain(e), e);
        }
        if (doc == null || doc.operations() == null || doc.operations().isEmpty()) {
            throw new MigrationFileException(path, 0, "declares no operations; write 'operations:' followed by a list,"
                    + " e.g. '- rename_column: {table: users, from: email, to: email_address}'");
        }
        if (doc.operations().stream().anyMatch(o -> o == null)) {
            throw new MigrationFileException(path, 0, "an operation in the list is empty");
        }
        return new OnlineMigrationFile(doc.operations());
    }

    /**
     * For {@link dev.sluice.migration.internal.MigrationResolver}: reads the file (YAML, or SQL with the header
     * {@code -- sluice:online}) and throws on a problem.
     */
    public static void check(String path, String text) {
        parse(path, text);
    }

    /**
     * Refuses a key that an operation of its kind does not have. Jackson builds an operation before it
     * looks at the keys it did not know, so a misspelt key ({@code too:} for {@code to:}) would be reported
     * as the key it replaced being missing, and the typo itself never named.
     */
    private static void refuseUnknownKeys(String path, String text, JsonNode root) {
        JsonNode operations = root == null ? null : root.get("operations");
        if (operations == null || !operations.isArray()) {
            return;
        }
        for (int i = 0; i < operations.size(); i++) {
            JsonNode op = operations.get(i);
            if (!op.isObject() || op.size() != 1) {
                continue;
            }
            Map.Entry<String, JsonNode> declared = op.fields().next();
            Optional<List<BeanPropertyDefinition>> known = keysOf(declared.getKey());
            if (known.isEmpty() || !declared.getValue().isObject()) {
                continue;
            }
            for (Iterator<String> keys = declared.getValue().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (known.get().stream().noneMatch(p -> p.getName().equals(key)
                        || p.findAliases().stream().anyMatch(alias -> alias.getSimpleName().equals(key)))) {
                    throw new MigrationFileException(path, line(text, i, key, 0), "unknown key '" + key + "' in " + declared.getKey()
                            + "; known keys here: " + known.get().stream().map(BeanPropertyDefinition::getName).toList());
                }
            }
        }
    }

    /** The document as a tree, or the YAML error with its line ({@link #malformed}). */
    private static JsonNode tree(String path, String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(path, e);
        }
    }

    /**
     * A document that is not YAML, with the line of the problem and what it is. Reported before any operation
     * is built: the parser ends an operation's mapping at a wrongly indented key, and Jackson would build the
     * operation from what came before and report the keys after it as missing.
     */
    private static MigrationFileException malformed(String path, JsonProcessingException e) {
        // SnakeYAML writes what it was parsing and where that began, then the problem and where it broke,
        // each place as a line of its own followed by the text and a caret.
        List<String> lines = e.getOriginalMessage().lines().toList();
        List<Integer> marks = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (MARK.matcher(lines.get(i)).matches()) {
                marks.add(i);
            }
        }
        if (marks.isEmpty()) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            return new MigrationFileException(path, line, "not valid YAML: " + lines.get(0).trim(), e);
        }
        int last = marks.get(marks.size() - 1);
        String problem = lines.get(last - 1).trim();
        String context = marks.size() > 1 ? " (in the " + lines.get(0).trim().replaceFirst("^while parsing an? ", "")
                + " that begins on line " + markedLine(lines.get(marks.get(0))) + ")" : "";
        return new MigrationFileException(path, markedLine(lines.get(last)), "not valid YAML: " + problem + context
                + "; the keys of one operation line up in one column, indented with spaces, not tabs", e);
    }

    private static final Pattern MARK = Pattern.compile("\\s*in 'reader', line (\\d+), column \\d+:");

    private static int markedLine(String mark) {
        Matcher m = MARK.matcher(mark);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The keys of an operation kind, as Jackson binds them; empty for a kind that is not one. */
    private static Optional<List<BeanPropertyDefinition>> keysOf(String kind) {
        for (JsonSubTypes.Type type : Operation.class.getAnnotation(JsonSubTypes.class).value()) {
            if (type.name().equals(kind)) {
                BeanDescription bean = YAML.getDeserializationConfig().introspect(YAML.constructType(type.value()));
                return Optional.of(bean.findProperties());
            }
        }
        return Optional.empty();
    }

    /**
     * The line of the problem. Jackson reads an operation whole before building it, so the location in its
     * exception is the operation's end; the line is found again from the exception's path instead, by
     * walking the YAML's tokens.
     */
    private static int line(String text, JsonProcessingException e) {
        int fallback = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? 0 : e.getLocation().getLineNr();
        if (!(e instanceof JsonMappingException m)) {
            return fallback;
        }
        int index = -1;
        String field = null;
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getIndex() >= 0 && index < 0) {
                index = ref.getIndex();
            } else if (index >= 0 && ref.getFieldName() != null) {
                field = ref.getFieldName();
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            field = u.getPropertyName();
        } else if (e instanceof InvalidTypeIdException) {
            field = null;
        }
        return index < 0 ? fallback : line(text, index, field, fallback);
    }

    /** The line of the {@code index}-th operation, or of its key {@code field} when that is not null. */
    private static int line(String text, int index, String field, int fallback) {
        String prefix = "/operations/" + index;
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (field == null && pointer.equals(prefix) && (t == JsonToken.START_OBJECT || t.isScalarValue())) {
                    return p.currentTokenLocation().getLineNr();
                }
                if (field != null && t == JsonToken.FIELD_NAME && pointer.startsWith(prefix + "/") && pointer.endsWith("/" + field)) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            return fallback;
        }
        return fallback;
    }

    private static String explain(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'; known keys here: " + u.getKnownPropertyIds();
        }
        if (e instanceof InvalidTypeIdException t) {
            return "unknown operation '" + t.getTypeId() + "'; known: " + Operation.KINDS;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        return e.getOriginalMessage();
    }
}
