package dev.sluice.sql.internal;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlLexerNamesTest {

    @Test
    void namesAreFoldedAsTheCatalogNamesThemAndStringsAndCommentsHoldNone() {
        assertEquals(Optional.of(Set.of("upper", "name", "Given Name", "coalesce", "varchar")),
                SqlLexer.identifierNames("upper(Name) || coalesce(\"Given Name\", 'email') /* city */ || $$zip$$::varchar"));
    }

    @Test
    void aNameThatCannotBeReadMakesTheAnswerUnknown() {
        assertEquals(Optional.empty(), SqlLexer.identifierNames("U&\"d\\0061ta\" || name"));
        assertEquals(Optional.empty(), SqlLexer.identifierNames("name || 'unterminated"));
    }
}
