package dev.sluice.schema;

import dev.sluice.json.Json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON writer and reader, and the canonical form built on them, without a database. */
class SchemaJsonTest {

    private static SchemaObject column(String name, String type, String position) {
        return SchemaObject.of(ObjectKind.COLUMN, name, Map.of("type", type, "position", position));
    }

    @Test
    void readsBackWhatItWrites() {
        Object value = Map.of("a", List.of("x\"y\\z\n\t\u0001é", 12L, true, Map.of()), "b", Map.of("c", "d"));
        String json = Json.write(value, 1);
        assertEquals(value, Json.read(json));
        assertEquals(Map.of("u", "é"), Json.read("{\"u\": \"\\u00e9\"}"));
    }

    @Test
    void namesWhereTheTextIsBroken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\n  \"a\": [1, }"));
        assertTrue(e.getMessage().startsWith("JSON line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": 1, \"a\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> SchemaSnapshot.fromJson("{\"format\": 99, \"objects\": {}}"));
        assertThrows(IllegalArgumentException.class, () -> SchemaSnapshot.fromJson("{\"format\": 1, \"objects\": {\"gadget\": {}}}"));
    }

    @Test
    void canonicalFormDoesNotDependOnInputOrder() {
        SchemaObject table = SchemaObject.of(ObjectKind.TABLE, "public.t", Map.of("persistence", "permanent"));
        SchemaSnapshot a = new SchemaSnapshot(List.of(table, column("public.t.a", "integer", "1"), column("public.t.b", "text", "2")));
        SchemaSnapshot b = new SchemaSnapshot(List.of(column("public.t.b", "text", "2"), column("public.t.a", "integer", "1"), table));
        assertEquals(a.toJson(), b.toJson());
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(SchemaSnapshot.fromJson(a.toJson()), a);
        assertTrue(a.toJson().contains("\n      \"public.t.a\": {\"position\": \"1\", \"type\": \"integer\"},\n"), a.toJson());
        SchemaSnapshot c = new SchemaSnapshot(List.of(table, column("public.t.a", "bigint", "1"), column("public.t.b", "text", "2")));
        assertNotEquals(a.fingerprint(), c.fingerprint());
        assertEquals(List.of("changed column public.t.a: type integer -> bigint"), SchemaDiff.between(a, c, false).lines());
    }

    @Test
    void childrenOfAnAddedTableAreNotListedAgain() {
        SchemaSnapshot empty = new SchemaSnapshot(List.of());
        SchemaSnapshot one = new SchemaSnapshot(List.of(
                SchemaObject.of(ObjectKind.TABLE, "public.t", Map.of()),
                column("public.t.a", "integer", "1"),
                SchemaObject.of(ObjectKind.INDEX, "public.t_a_idx", Map.of("table", "public.t", "definition", "CREATE INDEX ..."))));
        assertEquals(List.of("added table public.t"), SchemaDiff.between(empty, one, false).lines());
        assertEquals(List.of("removed table public.t"), SchemaDiff.between(one, empty, false).lines());
    }
}
