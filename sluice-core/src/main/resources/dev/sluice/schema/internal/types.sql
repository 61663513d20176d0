-- Enums (labels in their sort order), domains and stand-alone composite types, in one round trip.
select quote_ident(n.nspname) || '.' || quote_ident(t.typname) as name,
       case t.typtype when 'e' then 'enum' when 'd' then 'domain' else 'composite type' end as kind,
       case when t.typtype = 'e' then
           (select string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
            from pg_catalog.pg_enum e where e.enumtypid = t.oid) end as "values",
       case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, t.typtypmod) end as "base type",
       case when t.typtype = 'd' then t.typdefault end as "default",
       case when t.typtype = 'd' then not t.typnotnull end as nullable,
       case when t.typtype = 'd' and t.typcollation <> bt.typcollation then quote_ident(co.collname) end as collation,
       case when t.typtype = 'c' then
           (select string_agg(quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', '
                              order by a.attnum)
            from pg_catalog.pg_attribute a
            where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) end as "attributes",
       ds.description as comment,
       pg_catalog.pg_get_userbyid(t.typowner) as owner,
       nullif(array_to_string(array(select x::text from unnest(t.typacl) x order by 1), ', '), '') as grants
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
left join pg_catalog.pg_type bt on bt.oid = t.typbasetype
left join pg_catalog.pg_collation co on co.oid = t.typcollation
left join pg_catalog.pg_description ds
       on ds.objoid = t.oid and ds.classoid = 'pg_catalog.pg_type'::regclass and ds.objsubid = 0
where (t.typtype in ('e', 'd')
       or (t.typtype = 'c' and exists (select 1 from pg_catalog.pg_class c where c.oid = t.typrelid and c.relkind = 'c')))
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
