package dev.sluice.adopt.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prisma's checksum: SHA-256 of migration.sql, matched across line endings as prisma-engines matches it. */
class PrismaAdoptionTest {

    @Test
    void sha256OfTheFileMatchedWhateverGitDidToItsLineEndings() {
        // sha256("") and sha256("abc"), the standard test vectors.
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PrismaAdoption.checksum(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PrismaAdoption.checksum("abc"));
        String crlf = "create table a (id int);\r\ncreate index on a (id);\r\n";
        String stored = PrismaAdoption.checksum(crlf);
        assertTrue(PrismaAdoption.matches(crlf, stored));
        assertTrue(PrismaAdoption.matches(crlf.replace("\r\n", "\n"), stored), "checked out with LF");
        assertTrue(PrismaAdoption.matches(crlf.replace("\r\n", "\n"), PrismaAdoption.checksum(crlf.replace("\r\n", "\n"))));
        assertTrue(PrismaAdoption.matches(crlf, PrismaAdoption.checksum(crlf.replace("\r\n", "\n"))), "applied with LF");
        assertFalse(PrismaAdoption.matches(crlf.replace("id int", "id bigint"), stored));
    }
}
