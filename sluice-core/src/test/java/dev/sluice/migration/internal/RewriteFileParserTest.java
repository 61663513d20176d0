package dev.sluice.migration.internal;

import dev.sluice.migration.MigrationFileException;
import dev.sluice.migration.MigrationFileName;
import dev.sluice.migration.RewriteMigrationBody;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a {@code -- sluice:rewrite} file splits into the table and the clauses that {@code --alter} takes. */
class RewriteFileParserTest {

    @Test
    void splitsTableAndClauses() {
        RewriteMigrationBody b = RewriteFileParser.parse("V4__x.sql",
                "-- sluice:rewrite\n-- why\nALTER TABLE app.orders\n  ALTER COLUMN id TYPE bigint,\n  SET LOGGED ;\n");
        assertEquals("app.orders", b.table());
        assertEquals("ALTER COLUMN id TYPE bigint,\n  SET LOGGED", b.alter());
        assertEquals(3, b.line());
    }

    @Test
    void keepsQuotedNamesThePseudoClauseAndAnEmptyClauseList() {
        RewriteMigrationBody quoted = RewriteFileParser.parse("V4__x.sql",
                "-- sluice:rewrite\nalter table only \"Events\" PARTITION BY RANGE (created_at) EVERY '1 month';");
        assertEquals("\"Events\"", quoted.table());
        assertEquals("PARTITION BY RANGE (created_at) EVERY '1 month'", quoted.alter());
        RewriteMigrationBody compact = RewriteFileParser.parse("V4__x.sql", "-- sluice:rewrite\nALTER TABLE orders;\n");
        assertEquals("orders", compact.table());
        assertEquals("", compact.alter());
    }

    @Test
    void refusesWhatIsNotOneAlterTable() {
        MigrationFileException none = assertThrows(MigrationFileException.class,
                () -> RewriteFileParser.parse("V4__x.sql", "-- sluice:rewrite\n"));
        assertTrue(none.getMessage().contains("has none"), none.getMessage());
        MigrationFileException ifExists = assertThrows(MigrationFileException.class,
                () -> RewriteFileParser.parse("V4__x.sql", "-- sluice:rewrite\nALTER TABLE IF EXISTS t SET LOGGED;"));
        assertEquals(2, ifExists.line());
    }

    @Test
    void theHeaderCountsOnlyBeforeTheFirstStatement() {
        assertTrue(MigrationFileName.hasRewriteHeader("V1__a.sql", "-- sluice:rewrite\nALTER TABLE t SET LOGGED;"));
        assertFalse(MigrationFileName.hasRewriteHeader("V1__a.sql", "ALTER TABLE t SET LOGGED;\n-- sluice:rewrite\n"));
        assertFalse(MigrationFileName.hasRewriteHeader("V1__a.sql", "-- sluice:online\nALTER TABLE t SET LOGGED;"));
    }
}
