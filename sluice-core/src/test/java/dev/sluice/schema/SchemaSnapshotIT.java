package dev.sluice.schema;

import dev.sluice.schema.internal.SchemaReader;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of real schemas: every object kind is captured, each single change to an attribute shows
 * up in the diff as exactly that change, and equivalent DDL gives the same fingerprint.
 */
@ExtendWith(PostgresExtension.class)
class SchemaSnapshotIT {

    /** One of everything the snapshot captures. */
    static final String BASE = """
            create extension citext version '1.5';
            create schema app;
            comment on schema app is 'the application';
            create type app.mood as enum ('sad', 'ok', 'happy');
            create domain app.positive as integer not null default 1 constraint positive_check check (value > 0);
            create type app.pair as (a integer, b text);
            create sequence app.counter increment 5 start 100;
            create table app.users (
                id bigint generated always as identity primary key,
                email varchar(100) not null,
                name text collate "C",
                mood app.mood default 'ok',
                score app.positive,
                nick citext,
                full_name text generated always as (name || '!') stored,
                created_at timestamptz not null default now(),
                constraint users_email_key unique (email)
            ) with (fillfactor = 90);
            comment on table app.users is 'people';
            comment on column app.users.email is 'login';
            create table app.orders (
                id serial primary key,
                user_id bigint not null constraint orders_user_fk references app.users (id) on delete cascade,
                amount numeric(10, 2) constraint orders_amount_check check (amount >= 0),
                during tstzrange,
                constraint orders_no_overlap exclude using gist (during with &&)
            );
            create index orders_amount_idx on app.orders (amount) where amount > 100;
            create index users_lower_email_idx on app.users (lower(email));
            create table app.events (id bigint not null, at date not null) partition by range (at);
            create table app.events_2024 partition of app.events for values from ('2024-01-01') to ('2025-01-01');
            create unlogged table app.scratch (x integer, note text);
            create view app.active_users as select id, email from app.users where mood <> 'sad';
            create materialized view app.user_counts as select mood, count(*) as n from app.users group by mood;
            create function app.add(a integer, b integer) returns integer language sql immutable as $$ select a + b $$;
            create procedure app.touch() language plpgsql as $$ begin perform 1; end $$;
            create function app.audit() returns trigger language plpgsql as $$ begin return new; end $$;
            create trigger users_audit before update on app.users for each row execute function app.audit();
            alter table app.users enable row level security;
            create policy users_self on app.users for select using (id > 0);
            """;

    private static SchemaSnapshot snapshot(TestDatabase db) throws SQLException {
        return snapshot(db, false);
    }

    private static SchemaSnapshot snapshot(TestDatabase db, boolean privileges) throws SQLException {
        try (Connection c = db.connect()) {
            return new SchemaReader(SnapshotOptions.defaults().withPrivileges(privileges)).read(c);
        }
    }

    private static String attr(SchemaSnapshot s, ObjectKind kind, String name, String attribute) {
        SchemaObject o = s.find(kind, name).orElseThrow(() -> new AssertionError("missing " + kind.label() + " " + name
                + " in\n" + s.toJson()));
        return o.attribute(attribute).orElse(null);
    }

    @Test
    void capturesEveryKindAndReadsItsOwnJsonBack(TestDatabase db) throws Exception {
        db.execute(BASE);
        SchemaSnapshot s = snapshot(db);

        assertEquals("the application", attr(s, ObjectKind.SCHEMA, "app", "comment"));
        assertTrue(s.find(ObjectKind.SCHEMA, "public").isPresent());
        assertEquals("1.5", attr(s, ObjectKind.EXTENSION, "citext", "version"));
        assertEquals("'sad', 'ok', 'happy'", attr(s, ObjectKind.ENUM, "app.mood", "values"));
        assertEquals("integer", attr(s, ObjectKind.DOMAIN, "app.positive", "base type"));
        assertEquals("no", attr(s, ObjectKind.DOMAIN, "app.positive", "nullable"));
        assertEquals("CHECK ((VALUE > 0))", attr(s, ObjectKind.CONSTRAINT, "app.positive.positive_check", "definition"));
        assertEquals("a integer, b text", attr(s, ObjectKind.COMPOSITE_TYPE, "app.pair", "attributes"));
        assertEquals("5", attr(s, ObjectKind.SEQUENCE, "app.counter", "increment"));
        assertEquals("app.orders.id", attr(s, ObjectKind.SEQUENCE, "app.orders_id_seq", "owned by"));
        assertFalse(s.find(ObjectKind.SEQUENCE, "app.users_id_seq").isPresent(), "identity sequences belong to their column");

        assertEquals("fillfactor=90", attr(s, ObjectKind.TABLE, "app.users", "options"));
        assertEquals("people", attr(s, ObjectKind.TABLE, "app.users", "comment"));
        assertEquals("yes", attr(s, ObjectKind.TABLE, "app.users", "row security"));
        assertEquals("RANGE (at)", attr(s, ObjectKind.TABLE, "app.events", "partition key"));
        assertEquals("app.events", attr(s, ObjectKind.TABLE, "app.events_2024", "partition of"));
        assertEquals("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", attr(s, ObjectKind.TABLE, "app.events_2024", "partition bound"));
        assertEquals("unlogged", attr(s, ObjectKind.TABLE, "app.scratch", "persistence"));

        assertEquals("character varying(100)", attr(s, ObjectKind.COLUMN, "app.users.email", "type"));
        assertEquals("no", attr(s, ObjectKind.COLUMN, "app.users.email", "nullable"));
        assertEquals("login", attr(s, ObjectKind.COLUMN, "app.users.email", "comment"));
        assertEquals("2", attr(s, ObjectKind.COLUMN, "app.users.email", "position"));
        assertEquals("always", attr(s, ObjectKind.COLUMN, "app.users.id", "identity"));
        assertEquals("\"C\"", attr(s, ObjectKind.COLUMN, "app.users.name", "collation"));
        assertEquals("(name || '!'::text)", attr(s, ObjectKind.COLUMN, "app.users.full_name", "generated"));
        assertEquals("now()", attr(s, ObjectKind.COLUMN, "app.users.created_at", "default"));
        assertEquals("app.positive", attr(s, ObjectKind.COLUMN, "app.users.score", "type"));

        assertEquals("primary key", attr(s, ObjectKind.CONSTRAINT, "app.users.users_pkey", "type"));
        assertEquals("UNIQUE (email)", attr(s, ObjectKind.CONSTRAINT, "app.users.users_email_key", "definition"));
        assertEquals("FOREIGN KEY (user_id) REFERENCES app.users(id)", attr(s, ObjectKind.CONSTRAINT, "app.orders.orders_user_fk", "definition"));
        assertEquals("cascade", attr(s, ObjectKind.CONSTRAINT, "app.orders.orders_user_fk", "on delete"));
        assertEquals("no", attr(s, ObjectKind.CONSTRAINT, "app.orders.orders_user_fk", "deferrable"));
        assertEquals("yes", attr(s, ObjectKind.CONSTRAINT, "app.orders.orders_amount_check", "validated"));
        assertEquals("exclusion", attr(s, ObjectKind.CONSTRAINT, "app.orders.orders_no_overlap", "type"));

        assertEquals("yes", attr(s, ObjectKind.INDEX, "app.orders_amount_idx", "partial"));
        assertEquals("yes", attr(s, ObjectKind.INDEX, "app.users_lower_email_idx", "expression"));
        assertEquals("yes", attr(s, ObjectKind.INDEX, "app.users_lower_email_idx", "valid"));
        assertFalse(s.find(ObjectKind.INDEX, "app.users_pkey").isPresent(), "a constraint's index is the constraint");

        assertTrue(attr(s, ObjectKind.VIEW, "app.active_users", "definition").contains("mood <> 'sad'"));
        assertTrue(attr(s, ObjectKind.MATERIALIZED_VIEW, "app.user_counts", "definition").contains("count(*)"));
        assertEquals("integer", attr(s, ObjectKind.FUNCTION, "app.add(a integer, b integer)", "returns"));
        assertEquals("immutable", attr(s, ObjectKind.FUNCTION, "app.add(a integer, b integer)", "volatility"));
        assertEquals(64, attr(s, ObjectKind.FUNCTION, "app.add(a integer, b integer)", "body sha256").length());
        assertEquals("plpgsql", attr(s, ObjectKind.PROCEDURE, "app.touch()", "language"));
        assertEquals("yes", attr(s, ObjectKind.TRIGGER, "app.users.users_audit", "enabled"));
        assertEquals("(id > 0)", attr(s, ObjectKind.POLICY, "app.users.users_self", "using"));

        assertTrue(s.objects().stream().noneMatch(o -> o.name().contains("citext(") || o.name().equals("public.citext")),
                "objects of an extension are left out");
        assertTrue(s.objects().stream().noneMatch(o -> o.name().startsWith("pg_catalog") || o.name().startsWith("information_schema")));
        assertTrue(s.objects().stream().noneMatch(o -> o.attributes().containsKey("owner")), "privileges are opt-in");

        String json = s.toJson();
        SchemaSnapshot back = SchemaSnapshot.fromJson(json);
        assertEquals(s, back);
        assertEquals(json, back.toJson());
        assertEquals(s.fingerprint(), back.fingerprint());
        assertEquals(64, s.fingerprint().length());
        assertTrue(SchemaDiff.between(s, back, false).isEmpty());
        assertEquals(s.fingerprint(), snapshot(db).fingerprint(), "a second read gives the same bytes");
    }

    /** A change made to the base schema, and the one diff line it must give. */
    record Case(String sql, String expected) {
    }

    static final List<Case> CASES = List.of(
            new Case("create schema other", "added schema other"),
            new Case("comment on schema app is 'renamed'", "changed schema app: comment the application -> renamed"),
            new Case("alter extension citext update to '1.6'", "changed extension citext: version 1.5 -> 1.6"),
            new Case("alter type app.mood add value 'angry'", "changed enum app.mood: values 'sad', 'ok', 'happy' -> 'sad', 'ok', 'happy', 'angry'"),
            new Case("alter domain app.positive set default 2", "changed domain app.positive: default 1 -> 2"),
            new Case("alter domain app.positive drop not null", "changed domain app.positive: nullable no -> yes"),
            new Case("alter domain app.positive drop constraint positive_check", "removed constraint app.positive.positive_check"),
            new Case("alter type app.pair add attribute c date", "changed composite type app.pair: attributes a integer, b text -> a integer, b text, c date"),
            new Case("alter sequence app.counter increment 10", "changed sequence app.counter: increment 5 -> 10"),
            new Case("alter sequence app.counter owned by app.scratch.x", "changed sequence app.counter: owned by none -> app.scratch.x"),
            new Case("alter table app.users set (fillfactor = 80)", "changed table app.users: options fillfactor=90 -> fillfactor=80"),
            new Case("alter table app.scratch set logged", "changed table app.scratch: persistence unlogged -> permanent"),
            new Case("alter table app.users force row level security", "changed table app.users: force row security no -> yes"),
            new Case("comment on table app.users is 'customers'", "changed table app.users: comment people -> customers"),
            new Case("alter table app.events detach partition app.events_2024",
                    "changed table app.events_2024: partition bound FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') -> none; partition of app.events -> none"),
            new Case("create table app.events_2025 partition of app.events for values from ('2025-01-01') to ('2026-01-01')",
                    "added table app.events_2025"),
            new Case("alter table app.orders alter column amount type numeric(12, 2)",
                    "changed column app.orders.amount: type numeric(10,2) -> numeric(12,2)"),
            new Case("alter table app.orders alter column amount set not null", "changed column app.orders.amount: nullable yes -> no"),
            new Case("alter table app.users alter column created_at set default '2020-01-01'",
                    "changed column app.users.created_at: default now() -> '2020-01-01 00:00:00+00'::timestamp with time zone"),
            new Case("alter table app.users alter column id set generated by default", "changed column app.users.id: identity always -> by default"),
            new Case("alter table app.users alter column id set increment by 10",
                    "changed column app.users.id: identity options start 1, increment 1, minimum 1, maximum 9223372036854775807, cache 1"
                            + " -> start 1, increment 10,"),
            new Case("alter table app.users alter column full_name set expression as (name || '?')",
                    "changed column app.users.full_name: generated (name || '!'::text) -> (name || '?'::text)"),
            new Case("alter table app.scratch alter column note type text collate \"POSIX\"",
                    "changed column app.scratch.note: collation none -> \"POSIX\""),
            new Case("comment on column app.users.email is 'sign-in'", "changed column app.users.email: comment login -> sign-in"),
            new Case("alter table app.scratch add column y text", "added column app.scratch.y: text"),
            new Case("alter table app.users drop column nick", "removed column app.users.nick: citext"),
            new Case("alter table app.users drop constraint users_email_key", "removed constraint app.users.users_email_key: UNIQUE (email)"),
            new Case("alter table app.orders alter constraint orders_user_fk deferrable initially deferred",
                    "changed constraint app.orders.orders_user_fk: deferrable no -> yes; initially deferred no -> yes"),
            new Case("alter table app.orders drop constraint orders_user_fk, add constraint orders_user_fk foreign key (user_id) "
                    + "references app.users (id) on delete restrict", "changed constraint app.orders.orders_user_fk: on delete cascade -> restrict"),
            new Case("alter table app.orders drop constraint orders_amount_check, add constraint orders_amount_check check (amount > 0)",
                    "changed constraint app.orders.orders_amount_check: definition CHECK ((amount >= (0)::numeric)) -> CHECK ((amount > (0)::numeric))"),
            new Case("alter table app.orders drop constraint orders_amount_check, add constraint orders_amount_check check (amount >= 0) not valid",
                    "changed constraint app.orders.orders_amount_check: validated yes -> no"),
            new Case("alter table app.orders drop constraint orders_no_overlap", "removed constraint app.orders.orders_no_overlap"),
            new Case("drop index app.orders_amount_idx", "removed index app.orders_amount_idx"),
            new Case("drop index app.orders_amount_idx; create index orders_amount_idx on app.orders (amount) where amount > 200",
                    "changed index app.orders_amount_idx: definition CREATE INDEX orders_amount_idx ON app.orders USING btree (amount) WHERE (amount > (100)::numeric)"
                            + " -> CREATE INDEX orders_amount_idx ON app.orders USING btree (amount) WHERE (amount > (200)::numeric)"),
            new Case("update pg_index set indisvalid = false where indexrelid = 'app.users_lower_email_idx'::regclass",
                    "changed index app.users_lower_email_idx: valid yes -> no"),
            new Case("create or replace view app.active_users as select id, email from app.users where mood <> 'ok'",
                    "changed view app.active_users: definition"),
            new Case("drop materialized view app.user_counts; create materialized view app.user_counts as select mood, count(*) as n from app.users where id > 0 group by mood",
                    "changed materialized view app.user_counts: definition"),
            new Case("create or replace function app.add(a integer, b integer) returns integer language sql immutable as $$ select b + a $$",
                    "changed function app.add(a integer, b integer): body sha256"),
            new Case("alter function app.add(integer, integer) stable", "changed function app.add(a integer, b integer): volatility immutable -> stable"),
            new Case("create or replace procedure app.touch() language plpgsql as $$ begin perform 2; end $$", "changed procedure app.touch(): body sha256"),
            new Case("alter table app.users disable trigger users_audit", "changed trigger app.users.users_audit: enabled yes -> no"),
            new Case("drop trigger users_audit on app.users", "removed trigger app.users.users_audit"),
            new Case("alter policy users_self on app.users using (id > 1)", "changed policy app.users.users_self: using (id > 0) -> (id > 1)"),
            new Case("alter policy users_self on app.users to current_user", "changed policy app.users.users_self: roles public -> "),
            new Case("drop policy users_self on app.users; create policy users_self on app.users as restrictive for select using (id > 0)",
                    "changed policy app.users.users_self: permissive yes -> no"),
            new Case("create extension hstore", "added extension hstore: 1."),
            new Case("drop type app.pair", "removed composite type app.pair: a integer, b text"),
            new Case("alter sequence app.counter cycle", "changed sequence app.counter: cycle no -> yes"),
            new Case("alter sequence app.counter start 200", "changed sequence app.counter: start 100 -> 200"),
            new Case("alter table app.users replica identity full", "changed table app.users: replica identity default -> full"),
            new Case("create table app.child (extra integer) inherits (app.scratch)", "added table app.child"),
            new Case("comment on constraint orders_amount_check on app.orders is 'no refunds'",
                    "changed constraint app.orders.orders_amount_check: comment none -> no refunds"),
            new Case("comment on index app.orders_amount_idx is 'big orders'", "changed index app.orders_amount_idx: comment none -> big orders"),
            new Case("drop index app.users_lower_email_idx; create unique index users_lower_email_idx on app.users (lower(email))",
                    "changed index app.users_lower_email_idx: definition CREATE INDEX users_lower_email_idx ON app.users USING btree (lower((email)::text))"
                            + " -> CREATE UNIQUE INDEX users_lower_email_idx ON app.users USING btree (lower((email)::text)); unique no -> yes"),
            new Case("create index user_counts_mood_idx on app.user_counts (mood)", "added index app.user_counts_mood_idx"),
            new Case("alter view app.active_users set (security_barrier = true)", "changed view app.active_users: options none -> security_barrier=true"),
            new Case("alter function app.add(integer, integer) security definer", "changed function app.add(a integer, b integer): security definer no -> yes"),
            new Case("alter function app.add(integer, integer) set search_path = app",
                    "changed function app.add(a integer, b integer): settings none -> search_path=app"),
            new Case("create or replace function app.add(a integer, b integer) returns integer language sql immutable strict as $$ select a + b $$",
                    "changed function app.add(a integer, b integer): strict no -> yes"),
            new Case("drop trigger users_audit on app.users; create trigger users_audit after update on app.users for each row execute function app.audit()",
                    "changed trigger app.users.users_audit: definition CREATE TRIGGER users_audit BEFORE UPDATE"));

    @Test
    void eachSingleChangeIsReportedAsExactlyThatChange(TestDatabase db) throws Exception {
        db.execute(BASE);
        SchemaSnapshot base = snapshot(db);
        List<String> failures = new ArrayList<>();
        for (Case c : CASES) {
            TestDatabase changed = db.another();
            changed.execute(BASE);
            try {
                changed.execute(c.sql());
            } catch (SQLException e) {
                failures.add(c.sql() + "\n    failed: " + e.getMessage());
                continue;
            }
            SchemaDiff diff = SchemaDiff.between(base, snapshot(changed), false);
            List<String> lines = diff.lines();
            if (lines.size() != 1 || !lines.get(0).startsWith(c.expected())) {
                failures.add(c.sql() + "\n    expected: " + c.expected() + "\n    got:      " + String.join("\n              ", lines));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + CASES.size() + " cases failed:\n" + String.join("\n", failures));
    }

    @Test
    void equivalentDdlGivesTheSameFingerprint(TestDatabase db) throws Exception {
        db.execute("""
                create table parent (id integer constraint parent_pkey primary key, code text constraint parent_code_key unique);
                create table child (
                    id integer constraint child_pkey primary key,
                    parent_id integer constraint child_parent_fk references parent (id) on delete cascade,
                    qty integer not null default 0 constraint child_qty_check check (qty >= 0));
                create index child_parent_idx on child (parent_id);
                """);
        TestDatabase other = db.another();
        other.execute("""
                create table child (id integer, parent_id integer, dropped text, qty integer);
                alter table child drop column dropped;
                create table parent (id integer, code text);
                alter table parent add constraint parent_pkey primary key (id);
                create unique index parent_code_key on parent (code);
                alter table parent add constraint parent_code_key unique using index parent_code_key;
                alter table child alter column qty set default 0, alter column qty set not null;
                alter table child add constraint child_pkey primary key (id);
                alter table child add constraint child_qty_check check (qty >= 0) not valid;
                alter table child validate constraint child_qty_check;
                alter table child add constraint child_parent_fk foreign key (parent_id) references parent (id) on delete cascade;
                create index child_parent_idx on child using btree (parent_id);
                """);
        SchemaSnapshot a = snapshot(db);
        SchemaSnapshot b = snapshot(other);
        assertEquals(List.of(), SchemaDiff.between(a, b, false).lines());
        assertEquals(a.toJson(), b.toJson());
        assertEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void columnOrderIsReportedApartAndCanBeIgnored(TestDatabase db) throws Exception {
        db.execute("create table t (a integer, b text, c date)");
        TestDatabase other = db.another();
        other.execute("create table t (a integer, c date, b text)");
        SchemaSnapshot x = snapshot(db);
        SchemaSnapshot y = snapshot(other);
        assertNotEquals(x.fingerprint(), y.fingerprint());
        SchemaDiff diff = SchemaDiff.between(x, y, false);
        assertEquals(List.of("column order of table public.t: a, b, c -> a, c, b"), diff.lines());
        assertTrue(SchemaDiff.between(x, y, true).isEmpty());
    }

    @Test
    void privilegesAreCapturedOnlyWhenAskedFor(TestDatabase db) throws Exception {
        db.execute("create table t (a integer)");
        TestDatabase other = db.another();
        other.execute("create table t (a integer); grant select on t to public");
        assertTrue(SchemaDiff.between(snapshot(db), snapshot(other), false).isEmpty());
        List<String> lines = SchemaDiff.between(snapshot(db, true), snapshot(other, true), false).lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("changed table public.t: grants "), lines.get(0));
        assertTrue(lines.get(0).contains("=r/"), lines.get(0));
    }

    @Test
    void leavesOutTheHistoryTable(TestDatabase db) throws Exception {
        db.execute("create table app_data (id integer primary key)");
        SchemaSnapshot before = snapshot(db);
        db.execute("create table sluice_history (installed_rank integer primary key, version text);"
                + "create index sluice_history_version_idx on sluice_history (version)");
        assertEquals(before, snapshot(db));
        db.execute("create schema ops; create table ops.migrations (id integer primary key)");
        try (Connection c = db.connect()) {
            SchemaSnapshot custom = new SchemaReader(SnapshotOptions.defaults().withHistoryTable("ops", "migrations")).read(c);
            assertFalse(custom.find(ObjectKind.TABLE, "ops.migrations").isPresent());
            assertFalse(custom.find(ObjectKind.CONSTRAINT, "ops.migrations.migrations_pkey").isPresent());
            assertTrue(custom.find(ObjectKind.TABLE, "public.sluice_history").isPresent());
        }
    }
}
