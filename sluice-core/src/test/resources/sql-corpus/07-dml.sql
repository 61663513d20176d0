-- sluice:expect INSERT
insert into a values (1);
insert into a (id, name) values (1, 'x'), (2, 'y;z') on conflict do nothing;
insert into a select * from b where c > 0 returning id;
insert into a as t (id) values (1) on conflict (id) do update set name = excluded.name where t.name is distinct from excluded.name;
insert into a default values;
insert into a overriding system value values (1);
with src as (select 1 as id) insert into a select id from src;
-- the main statement decides the kind, not a data-modifying CTE
with old as (delete from a where ts < now() - interval '1 year' returning *) insert into a_archive select * from old;
INSERT INTO "Mixed Case" ("Id") VALUES ($$dollar ' quoted$$);
insert into a values (U&'d\0061t\+000061');
insert into a values (B'1010'), (X'1F');
-- sluice:expect UPDATE
update a set b = 1;
update a set b = 1 where id = 2;
update only a set b = b + 1 where id in (select id from b);
update a as t set (b, c) = (select x, y from d where d.id = t.id) where t.id < 100;
update a set b = 1 from c where a.id = c.id returning a.*;
with batch as (select id from a where b is null limit 1000) update a set b = 0 from batch where a.id = batch.id;
update a set b = 'where' ;
update a set b = (select max(x) from y where y.z = 1);
update a set b = 1 where current of cur;
-- sluice:expect DELETE
delete from a;
delete from a where id = 1;
delete from only a using b where a.id = b.id;
delete from a where ctid in (select ctid from a limit 1000) returning *;
delete from a as x where x.id = 1;
-- sluice:expect MERGE
merge into a using b on a.id = b.id when matched then update set v = b.v when not matched then insert values (b.id, b.v);
merge into a t using (select 1 as id) s on t.id = s.id when matched and t.v is null then delete when not matched by source then delete returning merge_action(), t.*;
-- sluice:expect SELECT
select 1;
select * from a where b = 'x;y';
values (1), (2);
table a;
with recursive r(n) as (select 1 union all select n + 1 from r where n < 10) select * from r;
(select 1) union (select 2);
select $tag$ has $$ inside $tag$;
select 'it''s', "quoted""id", e'\\', $1 from a;
select count(*) = 0 from a;
select pg_sleep(0.1);
select json_table('[1]'::jsonb, '$[*]' columns (x int path '$')) ;
select * from a where b is json object;
-- sluice:expect COPY
copy a from stdin;
1	x
2	y;z
\.
copy a (b, c) from '/tmp/data.csv' with (format csv, header true);
copy (select * from a) to stdout;
copy a from stdin with (format csv, on_error ignore);
1,x
\.
