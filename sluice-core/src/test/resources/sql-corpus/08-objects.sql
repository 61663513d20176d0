-- sluice:expect CREATE_FUNCTION
create function add(a int, b int) returns int language sql immutable as 'select a + b';
create or replace function touch() returns trigger language plpgsql as $$
begin
  new.updated_at := now(); -- a ; inside the body
  return new;
end;
$$;
create function f_tagged() returns text language plpgsql as $body$
declare s text := $$nested $ dollar$$;
begin return s; end
$body$;
create function f_atomic(x int) returns int language sql begin atomic select x + 1; end;
create function f_atomic_case(x int) returns text language sql begin atomic select case when x > 0 then 'pos' else 'neg' end; end;
create or replace function "Quoted"."Fn"(in "a b" text default 'x') returns setof record language sql stable parallel safe as $$ select 1, 'a' $$;
create aggregate my_sum(int) (sfunc = int4pl, stype = int);
CREATE FUNCTION f_sec() RETURNS void SECURITY DEFINER SET search_path = pg_catalog LANGUAGE plpgsql AS $fn$ BEGIN PERFORM 1; END $fn$;
-- sluice:expect CREATE_PROCEDURE
create procedure p() language plpgsql as $$ begin commit; end $$;
create or replace procedure p2(inout x int) language sql begin atomic select x; end;
-- sluice:expect CREATE_TRIGGER
create trigger t_touch before update on a for each row execute function touch();
create or replace trigger t_touch before update on a for each row when (old.* is distinct from new.*) execute procedure touch();
create constraint trigger t_c after insert on a deferrable initially deferred for each row execute function touch();
create trigger t_stmt after truncate on a for each statement execute function log_truncate();
-- sluice:expect CREATE_VIEW
create view v as select * from a;
create or replace view v (x) with (security_barrier) as select id from a with local check option;
create temp view tv as select 1;
create recursive view rv (n) as values (1);
-- sluice:expect CREATE_MATERIALIZED_VIEW
create materialized view mv as select count(*) from a with no data;
create materialized view if not exists mv2 using heap as select 1;
-- sluice:expect REFRESH_MATERIALIZED_VIEW
refresh materialized view mv;
refresh materialized view concurrently mv with data;
-- sluice:expect ALTER_VIEW
alter view v rename to v2;
alter materialized view mv rename to mv2;
alter view v alter column x set default 1;
-- sluice:expect CREATE_EXTENSION
create extension pgcrypto;
create extension if not exists "uuid-ossp" with schema public version '1.1' cascade;
-- sluice:expect CREATE_SCHEMA
create schema app;
create schema if not exists app authorization app_owner;
create schema authorization joe;
-- sluice:expect ALTER_SCHEMA
alter schema app rename to application;
alter schema app owner to postgres;
-- sluice:expect DROP_SCHEMA
drop schema app;
drop schema if exists app, legacy cascade;
-- sluice:expect CREATE_DATABASE
create database app2 template template0 encoding 'UTF8';
-- sluice:expect DROP_DATABASE
drop database app2;
drop database if exists app2 with (force);
-- sluice:expect CREATE_SEQUENCE
create sequence s start 100;
create sequence if not exists s2 as bigint increment by 10 owned by a.id;
-- sluice:expect ALTER_SEQUENCE
alter sequence s restart with 1000;
alter sequence s owned by none;
-- sluice:expect CREATE_POLICY
create policy p_own on a for select to app using (owner = current_user);
-- sluice:expect CREATE_ROLE
create role app login password 'secret;';
create user reporter;
-- sluice:expect COMMENT
comment on table a is 'A table; with a semicolon';
comment on column a.b is $$dollar 'comment'$$;
comment on index a_b_idx is null;
comment on function add(int, int) is 'adds';
-- sluice:expect GRANT
grant select on a to reporter;
grant usage, select on all sequences in schema app to app;
grant app to reporter with admin option;
-- sluice:expect REVOKE
revoke all on a from public;
-- sluice:expect DO
do $$ begin raise notice 'hello; world'; end $$;
do language plpgsql $do$ declare r record; begin for r in select 1 loop null; end loop; end $do$;
DO $x$ BEGIN EXECUTE 'alter table a add column z int'; END $x$;
-- sluice:expect CALL
call p();
call p2(1);
-- sluice:expect DROP_OTHER
drop view v;
drop materialized view if exists mv;
drop function if exists add(int, int);
drop trigger t_touch on a;
drop extension pgcrypto;
drop sequence s;
drop policy p_own on a;
drop role if exists app;
drop foreign table ft;
drop text search configuration my_cfg;
drop foreign data wrapper fdw;
drop event trigger et;
drop owned by app;
drop procedure p;
drop aggregate my_sum(int);
-- sluice:expect CREATE_OTHER
create foreign table ft (a int) server s;
create server s foreign data wrapper postgres_fdw;
create event trigger et on ddl_command_start execute function f();
create publication pub for table a;
create subscription sub connection 'dbname=x' publication pub;
create statistics st (dependencies) on a, b from t;
create cast (text as mood) with inout;
create operator === (leftarg = int, rightarg = int, function = int4eq);
create collation german (provider = icu, locale = 'de-DE');
create rule r as on insert to a do instead nothing;
create rule r2 as on update to a do also (insert into log values (1); insert into log values (2));
create text search configuration my_cfg (copy = english);
create access method heap2 type table handler heap_tableam_handler;
create tablespace fast location '/ssd';
create conversion c for 'UTF8' to 'LATIN1' from utf8_to_iso8859_1;
create language plperl;
-- sluice:expect ALTER_OTHER
alter function add(int, int) owner to app;
alter extension pgcrypto update;
alter system set work_mem = '64MB';
alter role app set search_path = app;
alter database app set lock_timeout = '2s';
alter default privileges in schema app grant select on tables to reporter;
alter publication pub add table b;
alter trigger t_touch on a rename to t_touch2;
alter policy p_own on a using (true);
alter foreign table ft add column b int;
alter event trigger et disable;
alter large object 1 owner to app;
-- sluice:expect OTHER
explain select 1;
explain (analyze, buffers) select * from a;
listen chan;
notify chan, 'payload';
prepare q (int) as select $1;
execute q(1);
deallocate q;
discard all;
checkpoint;
load 'auto_explain';
security label on table a is 'x';
import foreign schema remote from server s into local_schema;
fetch 10 from cur;
close cur;
declare cur cursor for select 1;
reassign owned by app to postgres;
