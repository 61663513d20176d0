package dev.sluice.migration;

import dev.sluice.migration.internal.PlaceholderReplacer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholderReplacerTest {

    private final AtomicInteger asked = new AtomicInteger();

    private PlaceholderReplacer replacer(Map<String, String> values) {
        return PlaceholderReplacer.of(new Placeholders(true, values), "app", "sluice_history", () -> {
            asked.incrementAndGet();
            return Map.of("user", "migrator", "database", "shop");
        });
    }

    @Test
    void namesCompareWithoutCaseAndEveryOccurrenceIsReplaced() {
        String out = replacer(Map.of("owner", "app_owner")).replace("V1__a.sql", "V1__a.sql",
                "alter table a owner to ${Owner}; alter table b owner to ${OWNER}; -- ${flyway:defaultSchema}.${FLYWAY:TABLE}");
        assertEquals("alter table a owner to app_owner; alter table b owner to app_owner; -- app.sluice_history", out);
        assertEquals(0, asked.get(), "no file used user or database: the database is not asked");
    }

    @Test
    void theDatabaseIsAskedOnceForUserAndDatabase() {
        PlaceholderReplacer r = replacer(Map.of());
        assertEquals("migrator@shop V2__b.sql", r.replace("V2__b.sql", "V2__b.sql", "${flyway:user}@${sluice:database} ${flyway:filename}"));
        assertEquals("migrator", r.replace("V3__c.sql", "V3__c.sql", "${flyway:user}"));
        assertEquals(1, asked.get());
    }

    @Test
    void anUnclosedPrefixIsLeftAsWritten() {
        assertEquals("select '${not closed'", replacer(Map.of()).replace("x", "x", "select '${not closed'"));
    }

    @Test
    void aMissingValueNamesFileLineAndTheSetting() {
        MigrationFileException e = assertThrows(MigrationFileException.class,
                () -> replacer(Map.of()).replace("sub/V4__d.sql", "V4__d.sql", "select 1;\n\nselect ${tenant.id};"));
        assertEquals("sub/V4__d.sql", e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("placeholders.tenant.id in sluice.conf, or run"), e.getMessage());
        MigrationFileException env = assertThrows(MigrationFileException.class,
                () -> replacer(Map.of()).replace("V5__e.sql", "V5__e.sql", "select ${tenant_id};"));
        assertTrue(env.getMessage().contains("or SLUICE_PLACEHOLDERS_TENANT_ID in the environment"), env.getMessage());
    }

    @Test
    void offLeavesTheTextAlone() {
        assertEquals("${x}", PlaceholderReplacer.of(Placeholders.off(), "public", "t", Map::of).replace("f", "f", "${x}"));
    }
}
