-- Row-level security policies; whether a table enforces them is an attribute of the table.
select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(p.polname) as name,
       case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete'
                     else 'all' end as command,
       p.polpermissive as permissive,
       (select string_agg(r.role, ', ' order by r.role)
        from (select case when o = 0 then 'public' else quote_ident(pg_catalog.pg_get_userbyid(o)) end as role
              from unnest(p.polroles) o) r) as roles,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid) as "using",
       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as "with check",
       ds.description as comment
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_description ds
       on ds.objoid = p.oid and ds.classoid = 'pg_catalog.pg_policy'::regclass and ds.objsubid = 0
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
  -- Sluice's own copies of tables taken before destructive migrations are not part of the schema.
  and n.nspname <> 'sluice_backup'
  and not exists (select 1 from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
