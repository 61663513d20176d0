package dev.sluice.migration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ChecksumTest {

    @Test
    void lineEndingsAndByteOrderMarkDoNotChangeTheChecksum() {
        String lf = "create table a (id int);\nselect 1;\n";
        assertEquals(Checksum.of(lf), Checksum.of(lf.replace("\n", "\r\n")));
        assertEquals(Checksum.of(lf), Checksum.of(lf.replace("\n", "\r")));
        assertEquals(Checksum.of(lf), Checksum.of("\uFEFF" + lf));
    }

    @Test
    void anyOtherEditChangesIt() {
        assertNotEquals(Checksum.of("select 1;"), Checksum.of("select 1; -- note"));
        assertNotEquals(Checksum.of("select 1;"), Checksum.of("select  1;"));
    }

    @Test
    void isHexSha256() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Checksum.of(""));
        assertEquals("e3b0c44298fc", Checksum.shortForm(Checksum.of("")));
    }
}
