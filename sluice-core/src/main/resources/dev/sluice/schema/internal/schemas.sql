-- Schemas other than the system ones. Columns other than "name" and "kind" become attributes.
select quote_ident(n.nspname) as name,
       ds.description as comment,
       pg_catalog.pg_get_userbyid(n.nspowner) as owner,
       nullif(array_to_string(array(select x::text from unnest(n.nspacl) x order by 1), ', '), '') as grants
from pg_catalog.pg_namespace n
left join pg_catalog.pg_description ds
       on ds.objoid = n.oid and ds.classoid = 'pg_catalog.pg_namespace'::regclass and ds.objsubid = 0
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
