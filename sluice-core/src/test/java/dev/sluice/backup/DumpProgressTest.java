package dev.sluice.backup;

import dev.sluice.progress.Progress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DumpProgressTest {

    @Test
    void eachTableStartsWhenPgDumpDumpsItsContents() {
        List<String> seen = new ArrayList<>();
        DumpProgress progress = new DumpProgress(new Progress() {
            @Override
            public void started(String item, int done, int total) {
                seen.add("start " + item + " " + done + "/" + total);
            }

            @Override
            public void finished(String item, int done, int total, long millis) {
                seen.add("end " + item + " " + done + "/" + total);
            }
        }, 2);
        progress.accept("pg_dump: last built-in OID is 16383");
        progress.accept("pg_dump: reading extensions");
        progress.accept("pg_dump: dumping contents of table \"public.accounts\"");
        progress.accept("pg_dump: dumping contents of table \"public.orders\"");
        progress.accept("pg_dump: saving search_path = ");
        progress.done();
        assertEquals(List.of("start public.accounts 0/2", "end public.accounts 1/2", "start public.orders 1/2", "end public.orders 2/2"),
                seen);
    }
}
