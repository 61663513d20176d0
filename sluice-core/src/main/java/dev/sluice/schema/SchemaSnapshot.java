package dev.sluice.schema;

import dev.sluice.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A database's schema at one moment: every captured object, in canonical order.
 *
 * <p>The canonical JSON form is {@code {"format": N, "objects": {kind: {name: {attribute: value}}}}} with
 * kinds, names and attributes sorted by their text, one object per line. Equal schemas give equal
 * bytes, so {@link #fingerprint()}, the SHA-256 of those bytes, identifies a schema. The same form is the
 * snapshot file that {@link #fromJson(String)} reads back.
 */
public record SchemaSnapshot(List<SchemaObject> objects) {

    /** The version of the canonical form; part of the bytes, so a new version never matches an old fingerprint. */
    public static final int FORMAT = 1;

    private static final Comparator<SchemaObject> ORDER =
            Comparator.comparing((SchemaObject o) -> o.kind().label()).thenComparing(SchemaObject::name);

    public SchemaSnapshot {
        List<SchemaObject> sorted = new ArrayList<>(objects);
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new IllegalArgumentException("two objects named " + sorted.get(i).describe());
            }
        }
        objects = Collections.unmodifiableList(sorted);
    }

    public List<SchemaObject> objects(ObjectKind kind) {
        return objects.stream().filter(o -> o.kind() == kind).toList();
    }

    public Optional<SchemaObject> find(ObjectKind kind, String name) {
        return objects.stream().filter(o -> o.kind() == kind && o.name().equals(name)).findFirst();
    }

    /** The canonical JSON form. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        writeJson(sb);
        return sb.toString();
    }

    /** Writes the canonical JSON form, ending in a newline. */
    public void writeJson(Appendable out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        Map<String, Object> kinds = new TreeMap<>();
        for (SchemaObject o : objects) {
            @SuppressWarnings("unchecked")
            Map<String, Object> named = (Map<String, Object>) kinds.computeIfAbsent(o.kind().label(), k -> new LinkedHashMap<>());
            named.put(o.name(), o.attributes());
        }
        root.put("objects", kinds);
        Json.write(root, out, 3);
        try {
            out.append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the canonical JSON form, lower-case hex; computed without holding the text in memory. */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (Writer w = new BufferedWriter(new OutputStreamWriter(
                    new DigestOutputStream(OutputStream.nullOutputStream(), sha), StandardCharsets.UTF_8), 1 << 16)) {
                writeJson(w);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a snapshot written by {@link #toJson()}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static SchemaSnapshot fromJson(String json) {
        if (!(Json.read(json) instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("not a schema snapshot: the top level is not a JSON object");
        }
        Object format = root.get("format");
        if (!(format instanceof Long f) || f != FORMAT) {
            throw new IllegalArgumentException("not a schema snapshot of format " + FORMAT + " (format: " + format + ")");
        }
        if (!(root.get("objects") instanceof Map<?, ?> kinds)) {
            throw new IllegalArgumentException("not a schema snapshot: 'objects' is missing");
        }
        List<SchemaObject> objects = new ArrayList<>();
        for (Map.Entry<?, ?> k : kinds.entrySet()) {
            ObjectKind kind = ObjectKind.ofLabel((String) k.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("unknown object kind '" + k.getKey() + "'"));
            if (!(k.getValue() instanceof Map<?, ?> named)) {
                throw new IllegalArgumentException("'" + k.getKey() + "' is not an object");
            }
            for (Map.Entry<?, ?> n : named.entrySet()) {
                if (!(n.getValue() instanceof Map<?, ?> attrs)) {
                    throw new IllegalArgumentException(kind.label() + " " + n.getKey() + ": attributes are not an object");
                }
                TreeMap<String, String> attributes = new TreeMap<>();
                for (Map.Entry<?, ?> a : attrs.entrySet()) {
                    if (!(a.getValue() instanceof String v)) {
                        throw new IllegalArgumentException(kind.label() + " " + n.getKey() + ": attribute '" + a.getKey()
                                + "' is not a string");
                    }
                    attributes.put((String) a.getKey(), v);
                }
                objects.add(new SchemaObject(kind, (String) n.getKey(), attributes));
            }
        }
        return new SchemaSnapshot(objects);
    }
}
