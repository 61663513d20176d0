-- Views and materialized views with their deparsed definitions.
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
       case c.relkind when 'v' then 'view' else 'materialized view' end as kind,
       pg_catalog.pg_get_viewdef(c.oid) as definition,
       nullif(array_to_string(array(select x from unnest(c.reloptions) x order by 1), ', '), '') as options,
       ds.description as comment,
       pg_catalog.pg_get_userbyid(c.relowner) as owner,
       nullif(array_to_string(array(select x::text from unnest(c.relacl) x order by 1), ', '), '') as grants
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_description ds
       on ds.objoid = c.oid and ds.classoid = 'pg_catalog.pg_class'::regclass and ds.objsubid = 0
where c.relkind in ('v', 'm')
  and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
