package dev.sluice.online;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.migration.MigrationFileException;

import java.io.IOException;
import java.util.List;

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
        if (index < 0) {
            return fallback;
        }
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
