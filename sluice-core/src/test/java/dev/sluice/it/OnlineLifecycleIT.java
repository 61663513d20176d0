package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.execution.MigrationListener;
import dev.sluice.history.AppliedMigration;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineListener;
import dev.sluice.online.SearchPath;
import dev.sluice.schema.SchemaDiff;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every online operation through its whole life on real PostgreSQL: start; writes through the old version
 * are seen by the new one and the other way round; rollback returns exactly the schema before start; start
 * again; complete; the final schema.
 */
@ExtendWith(PostgresExtension.class)
class OnlineLifecycleIT {

    @TempDir
    Path folder;

    static final String USERS = "create table users (id bigserial primary key, email text not null, name text);\n"
            + "insert into users (email, name) select 'u' || g || '@example.com', case when g % 3 = 0 then null else 'n' || g end"
            + " from generate_series(1, 2500) g;\n";

    /** The two versions' connections while a change is in progress. */
    private record Versions(Connection old, Connection neu) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            old.close();
            neu.close();
        }
    }

    @FunctionalInterface
    private interface Check {
        void run(Versions v) throws Exception;
    }

    private Sluice lifecycle(TestDatabase db, String yaml, Check bothVersions) throws Exception {
        return lifecycle(db, "", yaml, bothVersions);
    }

    /** @param setup SQL run after the users table is made, before the change */
    private Sluice lifecycle(TestDatabase db, String setup, String yaml, Check bothVersions) throws Exception {
        return lifecycle(db, setup, "V2__change.yaml", yaml, bothVersions);
    }

    /** @param file the change's file name: YAML, or SQL with the header {@code -- sluice:online} */
    private Sluice lifecycle(TestDatabase db, String setup, String file, String change, Check bothVersions) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__users.sql", USERS + setup).file(file, change).sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        SchemaSnapshot before = sluice.snapshot();

        OnlineChange started = sluice.start(BackfillSettings.defaults().withBatchSize(300), OnlineListener.NONE);
        assertTrue(started.inProgress());
        assertEquals("sluice_v2_change", started.newSchema());
        assertEquals("public", started.oldSchema());
        try (Versions v = versions(db)) {
            bothVersions.run(v);
        }
        sluice.abortOnline(OnlineListener.NONE);
        SchemaSnapshot afterRollback = sluice.snapshot();
        assertEquals(before.fingerprint(), afterRollback.fingerprint(),
                "rollback must return the schema before start: " + SchemaDiff.between(before, afterRollback, false).lines());
        assertTrue(sluice.onlineInProgress().isEmpty());

        sluice.start(BackfillSettings.defaults(), OnlineListener.NONE);
        try (Versions v = versions(db)) {
            bothVersions.run(v);
        }
        OnlineChange completed = sluice.complete(BackfillSettings.defaults(), OnlineListener.NONE);
        assertEquals(OnlineChange.COMPLETED, completed.phase());
        assertEquals(Version.parse("2"), sluice.status().current().orElseThrow());
        AppliedMigration row = sluice.history().get(sluice.history().size() - 1);
        assertEquals(MigrationType.ONLINE, row.type());
        assertTrue(row.fingerprint().isPresent(), "complete records the schema fingerprint");
        assertEquals(sluice.snapshot().fingerprint(), row.fingerprint().get());
        assertFalse(db.queryForBoolean("select exists (select 1 from pg_namespace where nspname = 'sluice_v2_change')"),
                "complete drops the view schema");
        assertEquals(0L, db.queryForLong("select count(*) from pg_trigger where tgname like '\\_sluice%'"));
        return sluice;
    }

    private static Versions versions(TestDatabase db) throws SQLException {
        Connection old = db.connect();
        Connection neu = db.connect();
        String path = SearchPath.forVersion(neu, "public", "public", "2");
        assertEquals("\"sluice_v2_change\", \"public\"", path);
        try (Statement s = neu.createStatement()) {
            s.execute("set search_path to " + path);
        }
        return new Versions(old, neu);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "no row: " + sql);
            return rs.getString(1);
        }
    }

    private static List<String> columns(TestDatabase db) throws SQLException {
        return db.queryForList("select column_name || ' ' || data_type || ' ' || is_nullable from information_schema.columns"
                + " where table_schema = 'public' and table_name = 'users' order by ordinal_position");
    }

    @Test
    void anIndexOrKeyOnAColumnThatCompleteDropsIsRefusedWithNothingStarted(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__users.sql", USERS).file("V2__change.yaml", """
                operations:
                  - set_not_null: {table: users, column: name, up: "coalesce(name, 'unknown')"}
                  - create_index: {table: users, name: users_name_idx, columns: [email], where: "name is not null"}
                """).sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        SchemaSnapshot before = sluice.snapshot();
        Exception e = assertThrows(Exception.class, () -> sluice.start(BackfillSettings.defaults(), OnlineListener.NONE));
        assertEquals("V2__change.yaml: operation 2 (create_index users_name_idx) uses public.users.name, which set_not_null in this"
                + " migration replaces: complete drops that column and PostgreSQL drops the index with it. Move this operation to a"
                + " migration after this one completes", e.getMessage());
        assertTrue(sluice.onlineInProgress().isEmpty());
        assertEquals(before.fingerprint(), sluice.snapshot().fingerprint(), "nothing was started");
    }

    @Test
    void renameColumn(TestDatabase db) throws Exception {
        lifecycle(db, "operations:\n  - rename_column: {table: users, from: email, to: email_address}\n", v -> {
            exec(v.old(), "insert into users (id, email) values (10001, 'old@x')");
            assertEquals("old@x", one(v.neu(), "select email_address from users where id = 10001"));
            exec(v.neu(), "insert into users (id, email_address) values (10002, 'new@x')");
            assertEquals("new@x", one(v.old(), "select email from users where id = 10002"));
            exec(v.old(), "update users set email = 'old2@x' where id = 10002");
            assertEquals("old2@x", one(v.neu(), "select email_address from users where id = 10002"));
            exec(v.neu(), "update users set email_address = 'new2@x' where id = 10001");
            assertEquals("new2@x", one(v.old(), "select email from users where id = 10001"));
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "email_address text NO", "name text YES"), columns(db));
    }

    @Test
    void changeColumnType(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - change_column_type:\n      table: users\n      column: name\n      type: varchar(40)\n"
                + "      up: upper(name)::varchar(40)\n      down: lower(name)\n";
        lifecycle(db, yaml, v -> {
            assertEquals("N4", one(v.neu(), "select name from users where id = 4"), "the backfill filled existing rows");
            assertEquals("0", one(v.neu(), "select count(*) from users where (name is null) <> (id % 3 = 0)"));
            exec(v.old(), "insert into users (id, email, name) values (10001, 'a', 'abc')");
            assertEquals("ABC", one(v.neu(), "select name from users where id = 10001"));
            exec(v.neu(), "insert into users (id, email, name) values (10002, 'b', 'XYZ')");
            assertEquals("xyz", one(v.old(), "select name from users where id = 10002"));
            exec(v.old(), "update users set name = 'def' where id = 10002");
            assertEquals("DEF", one(v.neu(), "select name from users where id = 10002"));
            exec(v.neu(), "update users set name = 'QRS' where id = 10001");
            assertEquals("qrs", one(v.old(), "select name from users where id = 10001"));
            exec(v.neu(), "update users set email = 'c' where id = 10001");
            assertEquals("QRS", one(v.neu(), "select name from users where id = 10001"), "an unrelated update keeps the new value");
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "email text NO", "name character varying YES"), columns(db));
        assertEquals("N4", db.queryForString("select name from users where id = 4"));
    }

    @Test
    void setNotNull(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - set_not_null: {table: users, column: name, up: \"coalesce(name, 'anonymous')\"}\n";
        lifecycle(db, yaml, v -> {
            assertEquals("anonymous", one(v.neu(), "select name from users where id = 3"));
            exec(v.old(), "insert into users (id, email) values (10001, 'a')");
            assertEquals("anonymous", one(v.neu(), "select name from users where id = 10001"), "old clients may still write NULL");
            exec(v.neu(), "insert into users (id, email, name) values (10002, 'b', 'bee')");
            assertEquals("bee", one(v.old(), "select name from users where id = 10002"));
            exec(v.old(), "update users set name = 'old' where id = 10002");
            assertEquals("old", one(v.neu(), "select name from users where id = 10002"));
            exec(v.neu(), "update users set name = 'new' where id = 10001");
            assertEquals("new", one(v.old(), "select name from users where id = 10001"));
            SQLException refused = assertThrows(SQLException.class,
                    () -> exec(v.neu(), "insert into users (id, email, name) values (10003, 'c', null)"));
            assertEquals("23514", refused.getSQLState(), "the new version already refuses NULL");
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "email text NO", "name text NO"), columns(db));
        assertEquals(0L, db.queryForLong("select count(*) from pg_constraint where conname like '\\_sluice%'"));
    }

    @Test
    void addColumnWithComputedBackfill(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - add_column:\n      table: users\n      column: domain\n      type: text\n"
                + "      up: split_part(email, '@', 2)\n      not_null: true\n";
        lifecycle(db, yaml, v -> {
            assertEquals("0", one(v.neu(), "select count(*) from users where domain is distinct from 'example.com'"));
            exec(v.old(), "insert into users (id, email) values (10001, 'a@old.org')");
            assertEquals("old.org", one(v.neu(), "select domain from users where id = 10001"));
            exec(v.neu(), "insert into users (id, email, domain) values (10002, 'b@x.org', 'chosen')");
            assertEquals("b@x.org", one(v.old(), "select email from users where id = 10002"));
            exec(v.old(), "update users set email = 'a@moved.org' where id = 10001");
            assertEquals("moved.org", one(v.neu(), "select domain from users where id = 10001"));
            exec(v.neu(), "update users set email = 'z@z.org' where id = 10002");
            assertEquals("z@z.org", one(v.old(), "select email from users where id = 10002"));
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "email text NO", "name text YES", "domain text NO"), columns(db));
    }

    @Test
    void dropColumn(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - drop_column: {table: users, column: email, down: \"'unknown@' || id\"}\n";
        lifecycle(db, yaml, v -> {
            assertThrows(SQLException.class, () -> one(v.neu(), "select email from users limit 1"), "hidden from the new version");
            exec(v.old(), "insert into users (id, email, name) values (10001, 'a', 'old')");
            assertEquals("old", one(v.neu(), "select name from users where id = 10001"));
            exec(v.neu(), "insert into users (id, name) values (10002, 'new')");
            assertEquals("unknown@10002", one(v.old(), "select email from users where id = 10002"));
            exec(v.old(), "update users set name = 'old2' where id = 10002");
            assertEquals("old2", one(v.neu(), "select name from users where id = 10002"));
            exec(v.neu(), "update users set name = 'new2' where id = 10001");
            assertEquals("new2", one(v.old(), "select name from users where id = 10001"));
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "name text YES"), columns(db));
    }

    @Test
    void dropNotNull(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - drop_not_null: {table: users, column: email, down: \"coalesce(email, 'none@' || id)\"}\n";
        lifecycle(db, yaml, v -> {
            assertEquals("u4@example.com", one(v.neu(), "select email from users where id = 4"), "the backfill filled existing rows");
            exec(v.neu(), "insert into users (id, email, name) values (10001, null, 'new')");
            assertEquals("none@10001", one(v.old(), "select email from users where id = 10001"), "old clients never see NULL");
            assertEquals(null, one(v.neu(), "select email from users where id = 10001"));
            exec(v.old(), "update users set name = 'old' where id = 10001");
            assertEquals(null, one(v.neu(), "select email from users where id = 10001"), "an unrelated write keeps the NULL");
            exec(v.old(), "insert into users (id, email) values (10002, 'old@x')");
            assertEquals("old@x", one(v.neu(), "select email from users where id = 10002"));
            exec(v.old(), "update users set email = 'old2@x' where id = 10002");
            assertEquals("old2@x", one(v.neu(), "select email from users where id = 10002"));
            exec(v.neu(), "update users set email = 'new@x' where id = 10002");
            assertEquals("new@x", one(v.old(), "select email from users where id = 10002"));
            exec(v.neu(), "update users set email = null where id = 10002");
            assertEquals("none@10002", one(v.old(), "select email from users where id = 10002"));
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "name text YES", "email text YES"), columns(db));
        assertEquals("u4@example.com", db.queryForString("select email from users where id = 4"));
    }

    @Test
    void renameTable(TestDatabase db) throws Exception {
        lifecycle(db, "operations:\n  - rename_table: {from: users, to: customers}\n", v -> {
            exec(v.old(), "insert into users (id, email) values (10001, 'old@x')");
            assertEquals("old@x", one(v.neu(), "select email from customers where id = 10001"));
            exec(v.neu(), "insert into customers (id, email) values (10002, 'new@x')");
            assertEquals("new@x", one(v.old(), "select email from users where id = 10002"));
            exec(v.old(), "update users set email = 'old2@x' where id = 10002");
            assertEquals("old2@x", one(v.neu(), "select email from customers where id = 10002"));
            exec(v.neu(), "update customers set email = 'new2@x' where id = 10001");
            assertEquals("new2@x", one(v.old(), "select email from users where id = 10001"));
            exec(v.neu(), "delete from customers where id in (10001, 10002)");
            assertEquals("2500", one(v.old(), "select count(*) from users"));
        });
        assertEquals(List.of("customers"), db.queryForList("select table_name from information_schema.tables"
                + " where table_schema = 'public' and table_name in ('users', 'customers')"));
        assertEquals(2500L, db.queryForLong("select count(*) from customers"));
    }

    private static String indexDefinition(TestDatabase db, String name) throws SQLException {
        List<String> found = db.queryForList("select pg_get_indexdef(i.indexrelid) || case when i.indisvalid then '' else ' INVALID' end"
                + " from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = '" + name + "'");
        return found.isEmpty() ? null : found.get(0);
    }

    /** Both versions write the same physical table; a write through one is seen by the other. */
    private static void sameTableBothWays(Versions v) throws SQLException {
        exec(v.old(), "insert into users (id, email, name) values (10001, 'old@x', 'old')");
        assertEquals("old", one(v.neu(), "select name from users where id = 10001"));
        exec(v.neu(), "insert into users (id, email, name) values (10002, 'new@x', 'new')");
        assertEquals("new", one(v.old(), "select name from users where id = 10002"));
        exec(v.old(), "update users set name = 'old2' where id = 10002");
        assertEquals("old2", one(v.neu(), "select name from users where id = 10002"));
        exec(v.neu(), "update users set name = 'new2' where id = 10001");
        assertEquals("new2", one(v.old(), "select name from users where id = 10001"));
        exec(v.old(), "delete from users where id in (10001, 10002)");
    }

    @Test
    void createIndexConcurrently(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - create_index: {table: users, name: users_lower_email, columns: [lower(email)], unique: true,"
                + " where: name is not null}\n";
        lifecycle(db, yaml, v -> {
            assertEquals("CREATE UNIQUE INDEX users_lower_email ON public.users USING btree (lower(email)) WHERE (name IS NOT NULL)",
                    indexDefinition(db, "users_lower_email"), "start built the index, valid");
            sameTableBothWays(v);
        });
        assertEquals("CREATE UNIQUE INDEX users_lower_email ON public.users USING btree (lower(email)) WHERE (name IS NOT NULL)",
                indexDefinition(db, "users_lower_email"));
    }

    @Test
    void aFailedConcurrentBuildLeavesAnInvalidIndexThatStartDropsAndBuildsAgain(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__users.sql", USERS + "update users set name = 'twin' where id in (1, 2);\n")
                .file("V2__change.yaml", "operations:\n  - create_index: {table: users, name: users_name_key, columns: [name], unique: true}\n")
                .sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        SchemaSnapshot before = sluice.snapshot();
        assertThrows(RuntimeException.class, () -> sluice.start(BackfillSettings.defaults(), OnlineListener.NONE),
                "the unique build fails on the duplicates");
        assertEquals("CREATE UNIQUE INDEX users_name_key ON public.users USING btree (name) INVALID", indexDefinition(db, "users_name_key"));
        assertTrue(sluice.onlineInProgress().isPresent(), "the change stays in progress");

        db.execute("update users set name = 'n2' where id = 2");
        sluice.start(BackfillSettings.defaults(), OnlineListener.NONE);
        assertEquals("CREATE UNIQUE INDEX users_name_key ON public.users USING btree (name)", indexDefinition(db, "users_name_key"),
                "start run again dropped the invalid index and built it again");

        sluice.abortOnline(OnlineListener.NONE);
        assertEquals(null, indexDefinition(db, "users_name_key"), "rollback drops it");
        assertEquals(before.fingerprint(), sluice.snapshot().fingerprint());
    }

    @Test
    void dropIndexConcurrently(TestDatabase db) throws Exception {
        String setup = "create index users_name_idx on users (name);\n";
        lifecycle(db, setup, "operations:\n  - drop_index: {table: users, name: users_name_idx}\n", v -> {
            assertEquals("CREATE INDEX users_name_idx ON public.users USING btree (name)", indexDefinition(db, "users_name_idx"),
                    "old clients keep the index while the change is in progress");
            sameTableBothWays(v);
        });
        assertEquals(null, indexDefinition(db, "users_name_idx"));
    }

    @Test
    void rollbackBuildsAgainAnIndexThatAFailedCompleteDropped(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__users.sql", USERS + "create index users_name_idx on users (name);\n")
                .file("V2__change.yaml", "operations:\n  - drop_index: {table: users, name: users_name_idx}\n").sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        SchemaSnapshot before = sluice.snapshot();
        sluice.start(BackfillSettings.defaults(), OnlineListener.NONE);
        db.execute("drop index concurrently users_name_idx"); // as complete's first step does, before its transaction failed
        sluice.abortOnline(OnlineListener.NONE);
        assertEquals("CREATE INDEX users_name_idx ON public.users USING btree (name)", indexDefinition(db, "users_name_idx"));
        assertEquals(before.fingerprint(), sluice.snapshot().fingerprint());
    }

    private static String constraint(TestDatabase db, String name) throws SQLException {
        List<String> found = db.queryForList("select contype::text || ' ' || convalidated || ' ' || pg_get_constraintdef(oid)"
                + " from pg_constraint where conname = '" + name + "'");
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void addForeignKey(TestDatabase db) throws Exception {
        String setup = "create table notes (id bigserial primary key, user_id bigint, body text);\n"
                + "insert into notes (user_id, body) select id, 'note' from users where id <= 100;\n";
        String yaml = "operations:\n  - add_foreign_key:\n      table: notes\n      name: notes_user_fk\n      columns: [user_id]\n"
                + "      references: {table: users, columns: [id]}\n      on_delete: cascade\n";
        lifecycle(db, setup, yaml, v -> {
            assertEquals("f false FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE NOT VALID", constraint(db, "notes_user_fk"));
            exec(v.old(), "insert into notes (id, user_id, body) values (10001, 5, 'old')");
            assertEquals("old", one(v.neu(), "select body from notes where id = 10001"));
            exec(v.neu(), "insert into notes (id, user_id, body) values (10002, 6, 'new')");
            assertEquals("new", one(v.old(), "select body from notes where id = 10002"));
            exec(v.old(), "update notes set body = 'old2' where id = 10002");
            assertEquals("old2", one(v.neu(), "select body from notes where id = 10002"));
            exec(v.neu(), "update notes set body = 'new2' where id = 10001");
            assertEquals("new2", one(v.old(), "select body from notes where id = 10001"));
            for (Connection c : List.of(v.old(), v.neu())) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> exec(c, "insert into notes (user_id, body) values (999999, 'orphan')"));
                assertEquals("23503", refused.getSQLState(), "new writes of both versions are checked from start");
            }
            exec(v.old(), "delete from notes where id in (10001, 10002)");
        });
        assertEquals("f true FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE", constraint(db, "notes_user_fk"));
    }

    @Test
    void addCheck(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - add_check: {table: users, name: users_email_at, check: \"position('@' in email) > 1\"}\n";
        lifecycle(db, yaml, v -> {
            assertEquals("c false CHECK ((POSITION(('@'::text) IN (email)) > 1)) NOT VALID", constraint(db, "users_email_at"));
            sameTableBothWays(v);
            for (Connection c : List.of(v.old(), v.neu())) {
                SQLException refused = assertThrows(SQLException.class, () -> exec(c, "insert into users (email) values ('nobody')"));
                assertEquals("23514", refused.getSQLState(), "new writes of both versions are checked from start");
            }
        });
        assertEquals("c true CHECK ((POSITION(('@'::text) IN (email)) > 1))", constraint(db, "users_email_at"));
    }

    @Test
    void addUnique(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - add_unique: {table: users, name: users_email_key, columns: [email]}\n";
        lifecycle(db, yaml, v -> {
            assertEquals("CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", indexDefinition(db, "users_email_key"),
                    "start built the unique index concurrently");
            assertEquals(null, constraint(db, "users_email_key"), "the constraint comes at complete");
            sameTableBothWays(v);
            for (Connection c : List.of(v.old(), v.neu())) {
                SQLException refused = assertThrows(SQLException.class, () -> exec(c, "insert into users (email) values ('u1@example.com')"));
                assertEquals("23505", refused.getSQLState(), "the index is enforced for both versions from start");
            }
        });
        assertEquals("u true UNIQUE (email)", constraint(db, "users_email_key"));
    }

    @Test
    void rawSql(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - raw_sql:\n"
                + "      up: |\n        alter table users add column nickname text;\n        create table audit (id bigserial primary key, note text);\n"
                + "      down: |\n        drop table audit;\n        alter table users drop column nickname;\n"
                + "      on_complete: comment on column users.nickname is 'shown name'\n";
        lifecycle(db, yaml, v -> {
            sameTableBothWays(v);
            exec(v.neu(), "update users set nickname = 'nick' where id = 7");
            assertEquals("nick", one(v.old(), "select nickname from users where id = 7"));
            exec(v.old(), "insert into audit (note) values ('old')");
            assertEquals("old", one(v.neu(), "select note from audit"));
            assertEquals(null, db.queryForString("select col_description(attrelid, attnum) from pg_attribute"
                    + " where attrelid = 'users'::regclass and attname = 'nickname'"), "on_complete runs at complete");
        });
        assertEquals(List.of("id bigint NO", "email text NO", "name text YES", "nickname text YES"), columns(db));
        assertEquals("shown name", db.queryForString("select col_description(attrelid, attnum) from pg_attribute"
                    + " where attrelid = 'users'::regclass and attname = 'nickname'"));
        assertTrue(db.queryForBoolean("select to_regclass('public.audit') is not null"));
    }

    @Test
    void splitColumn(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - split_column:\n      table: users\n      column: email\n      into:\n"
                + "        - {name: email_user, type: text, up: \"split_part(email, '@', 1)\"}\n"
                + "        - {name: email_domain, type: text, up: \"split_part(email, '@', 2)\"}\n"
                + "      down: \"email_user || '@' || email_domain\"\n";
        lifecycle(db, yaml, v -> {
            assertEquals("u4 example.com", one(v.neu(), "select email_user || ' ' || email_domain from users where id = 4"),
                    "the backfill filled existing rows");
            assertThrows(SQLException.class, () -> one(v.neu(), "select email from users limit 1"), "hidden from the new version");
            exec(v.old(), "insert into users (id, email) values (10001, 'a@old.org')");
            assertEquals("a old.org", one(v.neu(), "select email_user || ' ' || email_domain from users where id = 10001"));
            exec(v.neu(), "insert into users (id, email_user, email_domain) values (10002, 'b', 'new.org')");
            assertEquals("b@new.org", one(v.old(), "select email from users where id = 10002"));
            exec(v.old(), "update users set email = 'c@moved.org' where id = 10002");
            assertEquals("c moved.org", one(v.neu(), "select email_user || ' ' || email_domain from users where id = 10002"));
            exec(v.neu(), "update users set email_domain = 'other.org' where id = 10001");
            assertEquals("a@other.org", one(v.old(), "select email from users where id = 10001"));
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "name text YES", "email_user text YES", "email_domain text YES"), columns(db));
        assertEquals("u4 example.com", db.queryForString("select email_user || ' ' || email_domain from users where id = 4"));
    }

    @Test
    void mergeColumns(TestDatabase db) throws Exception {
        String yaml = "operations:\n  - merge_columns:\n      table: users\n      columns: [email, name]\n      column: label\n"
                + "      type: text\n      up: \"email || '|' || coalesce(name, '')\"\n"
                + "      down: {email: \"split_part(label, '|', 1)\", name: \"nullif(split_part(label, '|', 2), '')\"}\n";
        lifecycle(db, yaml, v -> {
            assertEquals("u4@example.com|n4", one(v.neu(), "select label from users where id = 4"), "the backfill filled existing rows");
            assertEquals("u3@example.com|", one(v.neu(), "select label from users where id = 3"));
            exec(v.old(), "insert into users (id, email, name) values (10001, 'a@x', 'old')");
            assertEquals("a@x|old", one(v.neu(), "select label from users where id = 10001"));
            exec(v.neu(), "insert into users (id, label) values (10002, 'b@x|new')");
            assertEquals("b@x new", one(v.old(), "select email || ' ' || name from users where id = 10002"));
            exec(v.old(), "update users set name = 'old2' where id = 10002");
            assertEquals("b@x|old2", one(v.neu(), "select label from users where id = 10002"));
            exec(v.neu(), "update users set label = 'c@x|' where id = 10001");
            assertEquals("c@x", one(v.old(), "select email from users where id = 10001"));
            assertEquals(null, one(v.old(), "select name from users where id = 10001"));
            exec(v.old(), "delete from users where id in (10001, 10002)");
        });
        assertEquals(List.of("id bigint NO", "label text YES"), columns(db));
        assertEquals("u4@example.com|n4", db.queryForString("select label from users where id = 4"));
    }

    @Test
    void anOnlineSqlFile(TestDatabase db) throws Exception {
        String sql = "-- sluice:online\nALTER TABLE users RENAME COLUMN email TO email_address;\n"
                + "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n";
        lifecycle(db, "", "V2__change.sql", sql, v -> {
            exec(v.old(), "insert into users (id, email) values (10001, 'old@x')");
            assertEquals("old@x", one(v.neu(), "select email_address from users where id = 10001"));
            exec(v.neu(), "update users set email_address = 'new@x' where id = 10001");
            assertEquals("new@x", one(v.old(), "select email from users where id = 10001"));
            exec(v.old(), "delete from users where id = 10001");
            assertEquals("CREATE INDEX users_name_idx ON public.users USING btree (name)", indexDefinition(db, "users_name_idx"));
        });
        assertEquals(List.of("id bigint NO", "email_address text NO", "name text YES"), columns(db));
        assertEquals("CREATE INDEX users_name_idx ON public.users USING btree (name)", indexDefinition(db, "users_name_idx"));
    }

    @Test
    void migrateStartsAndCompleteFinishesAndRollbackAborts(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__users.sql", USERS)
                .file("V2__rename.yaml", "operations:\n  - rename_column: {table: users, from: email, to: mail}\n")
                .file("V3__more.sql", "create table more (id int);\n").sluice();
        var result = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(1, result.steps().size(), "V1 ran; the run stops at the online change");
        assertTrue(result.online().get(0).inProgress());
        assertThrows(RuntimeException.class, () -> sluice.migrate(Optional.empty(), MigrationListener.NONE),
                "migrate is refused while a change is in progress");
        var rolledBack = sluice.rollback(1, Optional.empty(), MigrationListener.NONE);
        assertEquals("2", rolledBack.online().get(0).version());
        assertEquals(Version.parse("1"), sluice.status().current().orElseThrow());
        var all = sluice.migrate(Optional.empty(), true, true, BackfillSettings.defaults(), MigrationListener.NONE, OnlineListener.NONE);
        assertEquals(Version.parse("3"), all.after().orElseThrow());
        assertTrue(db.queryForBoolean("select exists (select 1 from information_schema.columns where column_name = 'mail')"));
    }
}
