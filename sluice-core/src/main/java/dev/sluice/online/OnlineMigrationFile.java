package dev.sluice.online;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.migration.MigrationFileException;

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
        Document doc;
        try {
            doc = YAML.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            throw new MigrationFileException(path, line(e.getLocation()), explain(e), e);
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

    /** For {@link dev.sluice.migration.MigrationResolver}: reads the file and throws on a problem. */
    public static void check(String path, String text) {
        parse(path, text);
    }

    private static int line(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? 0 : location.getLineNr();
    }

    private static String explain(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'; known keys here: " + u.getKnownPropertyIds();
        }
        if (e instanceof InvalidTypeIdException t) {
            return "unknown operation '" + t.getTypeId() + "'; known: rename_column, change_column_type, set_not_null,"
                    + " add_column, drop_column";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        return e.getOriginalMessage();
    }
}
