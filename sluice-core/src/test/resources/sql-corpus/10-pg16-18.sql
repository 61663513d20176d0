-- Syntax added in PostgreSQL 16, 17 and 18.
-- sluice:expect ALTER_TABLE
alter table t alter column total set expression as (price * qty);
alter table t add constraint t_valid_pk primary key (id, valid_at without overlaps);
alter table t add constraint t_fk_period foreign key (id, period valid_at) references u (id, period valid_at);
alter table t alter constraint t_nn inherit;
alter table t add column v int generated always as (a + 1) virtual;
alter table t add constraint t_chk check (a > 0) not enforced;
-- sluice:expect CREATE_TABLE
create table t18 (id uuid default uuidv7() primary key, a int, b int generated always as (a * 2));
create table t17 (id int, doc jsonb, constraint c check (doc is json object));
-- sluice:expect SELECT
select json_arrayagg(a order by a) from t;
select json_objectagg(k : v) from t;
select * from json_table('{"a":[1,2]}'::jsonb, '$.a[*]' columns (n int path '$')) as jt;
select json_exists(doc, '$.a'), json_query(doc, '$.a' with wrapper), json_value(doc, '$.b' returning int) from t;
select any_value(a) from t group by b;
select 0b1010, 0o17, 0x_ff, 1_000;
select uuidv7(), uuid_extract_timestamp(uuidv7());
select casefold('ß');
-- sluice:expect GRANT
grant maintain on table t to ops;
grant set on parameter work_mem to app;
-- sluice:expect OTHER
explain (generic_plan) select * from t where id = $1;
explain (analyze, serialize, memory) select 1;
-- sluice:expect MERGE
merge into t using s on t.id = s.id when matched then update set a = s.a when not matched by target then insert values (s.id, s.a) returning merge_action(), old.a, new.a;
-- sluice:expect UPDATE
update t set a = 1 where id = 2 returning old.a, new.a;
-- sluice:expect COPY
copy t from '/data/t.csv' with (format csv, on_error ignore, log_verbosity verbose, reject_limit 10);
-- sluice:expect VACUUM
vacuum (only_database_stats);
vacuum (buffer_usage_limit '1GB', skip_database_stats) t;
-- sluice:expect REINDEX
reindex (tablespace fast) table concurrently t;
-- sluice:expect CREATE_INDEX
create index concurrently t_v on t (v) nulls not distinct;
