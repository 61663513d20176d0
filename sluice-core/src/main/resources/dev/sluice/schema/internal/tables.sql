-- Ordinary and partitioned tables, partitions included, with partitioning, storage options and
-- row-level security switches.
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
       case c.relpersistence when 'p' then 'permanent' when 'u' then 'unlogged' else c.relpersistence::text end as persistence,
       case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as "partition key",
       case when c.relispartition then
           (select quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
            from pg_catalog.pg_inherits i
            join pg_catalog.pg_class pc on pc.oid = i.inhparent
            join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
            where i.inhrelid = c.oid) end as "partition of",
       case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end as "partition bound",
       case when not c.relispartition then
           (select string_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), ', ' order by i.inhseqno)
            from pg_catalog.pg_inherits i
            join pg_catalog.pg_class pc on pc.oid = i.inhparent
            join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
            where i.inhrelid = c.oid) end as inherits,
       nullif(array_to_string(array(select x from unnest(c.reloptions) x order by 1), ', '), '') as options,
       case when am.amname is distinct from 'heap' then am.amname end as "access method",
       c.relrowsecurity as "row security",
       c.relforcerowsecurity as "force row security",
       case c.relreplident when 'd' then 'default' when 'n' then 'nothing' when 'f' then 'full' when 'i' then 'index' end
           as "replica identity",
       ds.description as comment,
       pg_catalog.pg_get_userbyid(c.relowner) as owner,
       nullif(array_to_string(array(select x::text from unnest(c.relacl) x order by 1), ', '), '') as grants
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_am am on am.oid = c.relam
left join pg_catalog.pg_description ds
       on ds.objoid = c.oid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = 0
where c.relkind in ('r', 'p')
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
