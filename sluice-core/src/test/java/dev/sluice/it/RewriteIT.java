package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.rewrite.RewriteDefaults;
import dev.sluice.rewrite.RewriteException;
import dev.sluice.rewrite.RewriteListener;
import dev.sluice.rewrite.RewritePhase;
import dev.sluice.rewrite.RewriteResult;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shadow-table rewrite against a real server, with writers in several threads that give the same
 * writes to the table and to a reference table in one transaction: after the swap (and after a rollback)
 * the table must hold exactly the reference's rows.
 */
@ExtendWith(PostgresExtension.class)
class RewriteIT {

    @TempDir
    Path folder;

    static final int ROWS = 20_000;
    static final String ITEMS = "create table items (id integer primary key, label text not null, n integer not null default 0);\n"
            + "insert into items select g, 'item' || g, 0 from generate_series(1, " + ROWS + ") g;\n"
            + "create table ref (like items including all);\n"
            + "insert into ref select * from items;\n"
            + "create table child (id serial primary key, item_id integer not null references items (id));\n"
            + "insert into child (item_id) select g from generate_series(1, 100) g;\n"
            + "create view item_labels as select id, label from items where n >= 0;\n";

    /** Writers that insert, update (rows already copied among them) and delete, the same in items and ref. */
    static final class Writers implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong writes = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger nextId = new AtomicInteger(ROWS + 1);
        final List<Thread> threads = new ArrayList<>();

        Writers(TestDatabase db, int count) {
            for (int w = 0; w < count; w++) {
                int kind = w;
                Thread t = new Thread(() -> {
                    try (Connection c = db.connect(); Statement s = c.createStatement()) {
                        while (!stop.get()) {
                            ThreadLocalRandom r = ThreadLocalRandom.current();
                            String sql;
                            switch (kind % 4) {
                                case 0 -> {
                                    int id = nextId.getAndIncrement();
                                    sql = "insert into items values (" + id + ", 'new" + id + "', 1); insert into ref values (" + id + ", 'new" + id + "', 1)";
                                }
                                case 1 -> {
                                    // the first batches: rows the copy has already passed
                                    int id = r.nextInt(1, 1001);
                                    sql = "update items set n = n + 1, label = 'u' || n where id = " + id
                                            + "; update ref set n = n + 1, label = 'u' || n where id = " + id;
                                }
                                case 2 -> {
                                    int id = r.nextInt(1001, nextId.get());
                                    sql = "delete from items where id = " + id + "; delete from ref where id = " + id;
                                }
                                default -> {
                                    int id = r.nextInt(1, nextId.get());
                                    sql = "update items set n = n + 2 where id = " + id + "; update ref set n = n + 2 where id = " + id;
                                }
                            }
                            s.execute("begin; " + sql + "; commit");
                            writes.incrementAndGet();
                            Thread.sleep(1);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                threads.add(t);
                t.start();
            }
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertNull(failure.get(), () -> "a writer failed: " + failure.get());
        }
    }

    private Sluice project(TestDatabase db) throws Exception {
        db.execute(ITEMS);
        return new MigrationProject(folder, db).sluice();
    }

    private static void assertSameRows(TestDatabase db) throws SQLException {
        assertEquals(0, db.queryForLong("select count(*) from (select id::bigint, label, n from items except all select id, label, n from ref) d"),
                "rows in items that ref lacks");
        assertEquals(0, db.queryForLong("select count(*) from (select id::bigint, label, n from ref except all select id, label, n from items) d"),
                "rows in ref that items lacks");
        assertEquals(db.queryForLong("select count(*) from ref"), db.queryForLong("select count(*) from items"));
    }

    private static BackfillSettings slowCopy() {
        return RewriteDefaults.copy().withBatchSize(500).withPause(Duration.ofMillis(5));
    }

    @Test
    void writesFromSeveralThreadsDuringTheCopyEndInExactlyTheReferenceRows(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        AtomicLong writesAtFirstBatch = new AtomicLong(-1);
        AtomicLong writesAtLastBatch = new AtomicLong();
        List<BackfillProgress> progress = new ArrayList<>();
        RewriteResult result;
        try (Writers writers = new Writers(db, 8)) {
            while (writers.writes.get() < 50) {
                Thread.sleep(5);
            }
            result = sluice.rewrite("items", "alter column id type bigint", slowCopy(), new RewriteListener() {
                @Override
                public void copyProgress(BackfillProgress p) {
                    progress.add(p);
                    writesAtFirstBatch.compareAndSet(-1, writers.writes.get());
                    writesAtLastBatch.set(writers.writes.get());
                }
            });
            long afterSwap = writers.writes.get();
            while (writers.writes.get() < afterSwap + 50) {
                Thread.sleep(5);
            }
        }
        assertEquals(RewritePhase.SWAPPED, result.phase());
        assertTrue(writesAtLastBatch.get() - writesAtFirstBatch.get() > 100,
                "writes during the copy: " + (writesAtLastBatch.get() - writesAtFirstBatch.get()));
        assertTrue(progress.size() > 10 && progress.get(progress.size() - 1).done());
        assertTrue(progress.get(progress.size() / 2).rowsPerSecond() > 0);
        assertEquals("bigint", db.queryForString("select data_type from information_schema.columns where table_name = 'items' and column_name = 'id'"));
        assertSameRows(db);
        // the foreign key points at the new table and was validated; the view reads the new table
        assertEquals("items", db.queryForString("select confrelid::regclass::text from pg_constraint where conrelid = 'child'::regclass and contype = 'f'"));
        assertTrue(db.queryForBoolean("select convalidated from pg_constraint where conrelid = 'child'::regclass and contype = 'f'"));
        assertEquals("bigint", db.queryForString("select data_type from information_schema.columns where table_name = 'item_labels' and column_name = 'id'"));
        assertEquals(db.queryForLong("select count(*) from items"), db.queryForLong("select count(*) from item_labels"));
        assertEquals("items_pkey", db.queryForString("select conname from pg_constraint where conrelid = 'items'::regclass and contype = 'p'"));
        assertEquals(List.of("_sluice_old_items"), result.keptTable().map(t -> List.of(t.substring(t.indexOf('.') + 1))).orElseThrow());
        assertTrue(result.notes().stream().anyMatch(n -> n.contains("validated")), result.notes().toString());

        sluice.cleanupRewrite("items", RewriteListener.NONE);
        assertEquals(List.of(), db.queryForList("select relname from pg_class where relname like '\\_sluice%'"));
        assertEquals(List.of(), db.queryForList("select tgname from pg_trigger where tgrelid = 'items'::regclass and not tgisinternal"));
        db.execute("insert into items values (2000000000000, 'beyond int', 0)");
    }

    @Test
    void anAbortBeforeTheSwapLeavesTheOriginalAsItWas(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        String catalogBefore = catalog(db);
        long oid = db.queryForLong("select 'items'::regclass::oid");
        try (Writers writers = new Writers(db, 4)) {
            RuntimeException stopped = assertThrows(RuntimeException.class, () -> sluice.rewrite("items", "alter column id type bigint",
                    slowCopy(), new RewriteListener() {
                        @Override
                        public void copyProgress(BackfillProgress p) {
                            if (p.rowsDone() >= 5000) {
                                throw new IllegalStateException("stopped halfway");
                            }
                        }
                    }));
            assertEquals("stopped halfway", stopped.getMessage());
            assertEquals(RewritePhase.COPYING, sluice.rewritesInProgress().get(0).phase());
            assertThrows(RewriteException.class, () -> sluice.cleanupRewrite("items", RewriteListener.NONE));
            RewriteResult aborted = sluice.abortRewrite("items", RewriteListener.NONE);
            assertEquals(RewritePhase.ABORTED, aborted.phase());
            Thread.sleep(100);
        }
        assertEquals(oid, db.queryForLong("select 'items'::regclass::oid"));
        assertEquals(catalogBefore, catalog(db));
        assertSameRows(db);
        assertEquals(List.of(), sluice.rewritesInProgress());
    }

    @Test
    void theSwapIsRefusedWhenTheCopyDiffersFromTheOriginal(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        long oid = db.queryForLong("select 'items'::regclass::oid");
        RewriteException refused = assertThrows(RewriteException.class, () -> sluice.rewrite("items", "alter column id type bigint",
                slowCopy(), new RewriteListener() {
                    @Override
                    public void copyProgress(BackfillProgress p) {
                        if (p.rowsDone() == 1000) {
                            try {
                                db.execute("delete from _sluice_rw_items where id = 7");
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }));
        assertTrue(refused.getMessage().startsWith("refusing to swap"), refused.getMessage());
        assertEquals(oid, db.queryForLong("select 'items'::regclass::oid"));
        assertEquals("integer", db.queryForString("select data_type from information_schema.columns where table_name = 'items' and column_name = 'id'"));
        assertEquals(RewritePhase.COPYING, sluice.rewritesInProgress().get(0).phase());
        sluice.abortRewrite("items", RewriteListener.NONE);
        assertSameRows(db);
    }

    @Test
    void anInterruptedCopyResumesAfterItsLastBatch(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        List<Long> firstRun = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> sluice.rewrite("items", "alter column id type bigint", slowCopy(),
                new RewriteListener() {
                    @Override
                    public void copyProgress(BackfillProgress p) {
                        firstRun.add(p.rowsDone());
                        if (p.rowsDone() >= 10_000) {
                            throw new IllegalStateException("stopped");
                        }
                    }
                }));
        db.execute("update items set n = 7 where id <= 10; update ref set n = 7 where id <= 10");
        assertThrows(RewriteException.class, () -> sluice.rewrite("items", "add column other int", slowCopy(), RewriteListener.NONE));
        List<Long> secondRun = new ArrayList<>();
        RewriteResult result = sluice.rewrite("items", "alter column id type bigint", slowCopy(), new RewriteListener() {
            @Override
            public void copyProgress(BackfillProgress p) {
                secondRun.add(p.rowsDone());
            }
        });
        assertEquals(ROWS - 10_000, result.rowsCopied());
        assertTrue(secondRun.get(0) > 10_000);
        assertSameRows(db);
    }

    @Test
    void aRollbackAfterTheSwapBringsBackTheOriginalWithTheWritesMadeSince(TestDatabase db) throws Exception {
        Sluice sluice = project(db);
        long oid = db.queryForLong("select 'items'::regclass::oid");
        try (Writers writers = new Writers(db, 4)) {
            sluice.rewrite("items", "alter column id type bigint, add column note text default 'x'", RewriteDefaults.copy(), RewriteListener.NONE);
            long afterSwap = writers.writes.get();
            while (writers.writes.get() < afterSwap + 300) {
                Thread.sleep(5);
            }
            assertTrue(db.queryForLong("select count(*) from items where note = 'x'") > 0);
            RewriteResult back = sluice.rollbackRewrite("items", RewriteListener.NONE);
            assertEquals(RewritePhase.ROLLED_BACK, back.phase());
            long afterRollback = writers.writes.get();
            while (writers.writes.get() < afterRollback + 50) {
                Thread.sleep(5);
            }
        }
        assertEquals(oid, db.queryForLong("select 'items'::regclass::oid"));
        assertEquals("integer", db.queryForString("select data_type from information_schema.columns where table_name = 'items' and column_name = 'id'"));
        assertSameRows(db);
        assertEquals(oid, db.queryForLong("select confrelid from pg_constraint where conrelid = 'child'::regclass and contype = 'f'"));
        assertEquals("items_pkey", db.queryForString("select conname from pg_constraint where conrelid = 'items'::regclass and contype = 'p'"));
        assertEquals(List.of(), db.queryForList("select relname from pg_class where relname like '\\_sluice%'"));
        assertEquals("integer", db.queryForString("select data_type from information_schema.columns where table_name = 'item_labels' and column_name = 'id'"));
    }

    @Test
    void theNewTableCarriesGrantsCommentsPoliciesTriggersIdentityAndStorageOptions(TestDatabase db) throws Exception {
        String reader = "reader_" + db.name();
        db.execute("create role " + reader);
        db.execute("create table accounts (id bigint generated always as identity primary key, owner_name text not null,"
                + " balance numeric check (balance >= 0), touched integer not null default 0) with (fillfactor = 70);\n"
                + "insert into accounts (owner_name, balance) select 'o' || g, g from generate_series(1, 3000) g;\n"
                + "create index accounts_owner on accounts (owner_name);\n"
                + "comment on table accounts is 'money';\n"
                + "comment on column accounts.balance is 'in cents';\n"
                + "comment on index accounts_owner is 'by owner';\n"
                + "grant select, update (balance) on accounts to " + reader + ";\n"
                + "alter table accounts enable row level security;\n"
                + "create policy own_rows on accounts for select to " + reader + " using (owner_name = current_user);\n"
                + "create function touch() returns trigger language plpgsql as $$ begin new.touched := old.touched + 1; return new; end $$;\n"
                + "create trigger accounts_touch before update on accounts for each row execute function touch();\n");
        Sluice sluice = new MigrationProject(folder, db).sluice();
        sluice.rewrite("accounts", "alter column balance type numeric(14,2)", RewriteDefaults.copy(), RewriteListener.NONE);

        assertEquals("numeric", db.queryForString("select data_type from information_schema.columns where table_name = 'accounts' and column_name = 'balance'"));
        assertEquals("{fillfactor=70}", db.queryForString("select reloptions::text from pg_class where oid = 'accounts'::regclass"));
        assertEquals("money", db.queryForString("select obj_description('accounts'::regclass, 'pg_class')"));
        assertEquals("in cents", db.queryForString("select col_description('accounts'::regclass, 3)"));
        assertEquals("by owner", db.queryForString("select obj_description('accounts_owner'::regclass, 'pg_class')"));
        assertEquals("accounts", db.queryForString("select indrelid::regclass::text from pg_index where indexrelid = 'accounts_owner'::regclass"));
        assertTrue(db.queryForBoolean("select has_table_privilege('" + reader + "', 'accounts', 'SELECT')"));
        assertTrue(db.queryForBoolean("select has_column_privilege('" + reader + "', 'accounts', 'balance', 'UPDATE')"));
        assertFalse(db.queryForBoolean("select has_column_privilege('" + reader + "', 'accounts', 'owner_name', 'UPDATE')"));
        assertTrue(db.queryForBoolean("select relrowsecurity from pg_class where oid = 'accounts'::regclass"));
        assertEquals("(owner_name = CURRENT_USER)", db.queryForString("select qual from pg_policies where tablename = 'accounts' and policyname = 'own_rows'"));
        assertEquals(1, db.queryForLong("select count(*) from pg_constraint where conrelid = 'accounts'::regclass and contype = 'c'"));
        // the trigger moved and fires
        db.execute("update accounts set balance = balance where id = 1");
        assertEquals(1, db.queryForLong("select touched from accounts where id = 1"));
        // identity continues after the copied rows
        db.execute("insert into accounts (owner_name, balance) values ('after', 1)");
        assertEquals(3001, db.queryForLong("select id from accounts where owner_name = 'after'"));
        assertEquals("a", db.queryForString("select attidentity from pg_attribute where attrelid = 'accounts'::regclass and attname = 'id'"));
        // and the kept original no longer has the trigger (it would fire on replayed writes)
        assertEquals(0, db.queryForLong("select count(*) from pg_trigger where tgrelid = '_sluice_old_accounts'::regclass and tgname = 'accounts_touch'"));
    }

    @Test
    void aTableBecomesPartitionedByRangeOnAColumn(TestDatabase db) throws Exception {
        db.execute("create table events (id bigserial primary key, at timestamp not null, payload text);\n"
                + "insert into events (at, payload) select timestamp '2026-01-01' + g * interval '1 hour', 'p' || g from generate_series(0, 2000) g;\n"
                + "create table events_ref as select * from events;\n");
        Sluice sluice = new MigrationProject(folder, db).sluice();
        RewriteResult result = sluice.rewrite("events", "PARTITION BY RANGE (at) EVERY '1 month'", RewriteDefaults.copy().withBatchSize(300),
                new RewriteListener() {
                    boolean wrote;

                    @Override
                    public void copyProgress(BackfillProgress p) {
                        if (!wrote) {
                            wrote = true;
                            try {
                                db.execute("update events set payload = 'changed' where id = 1; delete from events where id = 2;"
                                        + " update events_ref set payload = 'changed' where id = 1; delete from events_ref where id = 2;");
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                });
        assertEquals(RewritePhase.SWAPPED, result.phase());
        assertEquals("p", db.queryForString("select relkind from pg_class where oid = 'events'::regclass"));
        assertEquals(List.of("events_default", "events_p20260101", "events_p20260201", "events_p20260301", "events_p20260401"),
                db.queryForList("select inhrelid::regclass::text from pg_inherits where inhparent = 'events'::regclass order by 1"));
        assertEquals(List.of("id", "at"), db.queryForList("select a.attname from pg_index i, unnest(i.indkey) with ordinality k(n, p)"
                + " join pg_attribute a on a.attnum = k.n where i.indrelid = 'events'::regclass and i.indisprimary"
                + " and a.attrelid = 'events'::regclass order by k.p"));
        assertEquals(0, db.queryForLong("select count(*) from (select * from events except all select * from events_ref"
                + " union all select * from events_ref except all select * from events) d"));
        sluice.cleanupRewrite("events", RewriteListener.NONE);
        // the serial sequence moved with the column, so it outlived the old table
        db.execute("insert into events (at, payload) values ('2030-01-01', 'far ahead')");
        assertEquals("events_default", db.queryForString("select tableoid::regclass::text from events where payload = 'far ahead'"));
        assertEquals(2002, db.queryForLong("select id from events where payload = 'far ahead'"));
    }

    /** Relations, triggers and functions of the public schema, as text to compare. */
    private static String catalog(TestDatabase db) throws SQLException {
        return String.join("\n", db.queryForList("select 'rel ' || relname || ' ' || relkind::text from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'public' and relname not like 'sluice\\_rewrite%' union all select 'trigger ' || tgname || ' on ' || tgrelid::regclass from pg_trigger where not tgisinternal"
                + " union all select 'function ' || proname from pg_proc where pronamespace = 'public'::regnamespace order by 1"));
    }
}
