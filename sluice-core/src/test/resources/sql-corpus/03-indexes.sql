-- sluice:expect CREATE_INDEX
create index on a (b);
create index a_b_idx on a (b);
create index concurrently a_b_idx on a (b);
create index concurrently if not exists a_b_idx on a (b);
create unique index a_b_key on a (b);
create unique index concurrently a_b_key on a using btree (b) include (c) where c is not null;
create index if not exists a_lower_idx on a (lower(email));
create index a_gin on a using gin (payload jsonb_path_ops);
create index a_brin on only measurements using brin (logdate) with (pages_per_range = 32);
create index "Weird ""Idx""" on "Mixed Case" ("Id" desc nulls last);
create index a_part on a (b) where deleted_at is null;
create unique index a_nnd on a (email) nulls not distinct;
create index a_collate on a (name collate "C" text_pattern_ops);
create index a_expr on a ((payload->>'kind'), (created_at::date));
create index a_ts on s1.t1 (ts) tablespace fast_ssd;
-- sluice:expect DROP_INDEX
drop index a_b_idx;
drop index concurrently a_b_idx;
drop index concurrently if exists a_b_idx;
drop index if exists s1.a_b_idx, s1.a_c_idx cascade;
-- sluice:expect REINDEX
reindex index a_b_idx;
reindex index concurrently a_b_idx;
reindex table a;
reindex table concurrently a;
reindex (verbose) table a;
reindex (concurrently, tablespace fast) index a_b_idx;
reindex schema public;
reindex database app;
reindex system app;
-- sluice:expect ALTER_INDEX
alter index a_b_idx rename to a_b_index;
alter index if exists a_b_idx set tablespace slow;
alter index a_b_idx set (fillfactor = 90);
alter index a_b_idx attach partition a_b_p1_idx;
alter index all in tablespace slow set tablespace fast;
